# MXNet 1.9 tutorial docs/python_docs/python/tutorials/packages/ndarray/03-ndarray-contexts.md (apache/mxnet 76d73dbd77, Apache License 2.0),
# its Python cells with the import lines changed to tinynet.

# %% cell 0
from tinynet import gpu
from tinynet import nd
z = nd.ones(shape=(3,3), ctx=gpu(0))
print(z)

# %% cell 1
x_gpu = x.copyto(gpu(0))
print(x_gpu)

# %% cell 2
x_gpu + z

# %% cell 3
print('id(z):', id(z))
z = z.copyto(gpu(0))
print('id(z):', id(z))
z = z.as_in_context(gpu(0))
print('id(z):', id(z))
print(z)
