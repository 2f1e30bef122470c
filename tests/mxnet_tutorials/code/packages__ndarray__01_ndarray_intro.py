# MXNet 1.9 tutorial docs/python_docs/python/tutorials/packages/ndarray/01-ndarray-intro.md (apache/mxnet 76d73dbd77, Apache License 2.0),
# its Python cells with the import lines changed to tinynet.

# %% cell 0
import tinynet as mx
from tinynet import nd

# %% cell 1
x = nd.array([1,2,3])
print(x)

# %% cell 2
y = nd.array([[1,2,3,4], [1,2,3,4], [1,2,3,4]])
print(y)

# %% cell 3
x = nd.empty((3, 3))
print(x)
x = nd.full((3,3), 7)
print(x)

# %% cell 4
x = nd.zeros((3, 10))
print(x)

# %% cell 5
x = nd.ones((3, 4))
print(x)

# %% cell 6
y = nd.random_normal(0, 1, shape=(3, 4))
print(y)

# %% cell 7
z = nd.zeros_like(y)
print(z)

# %% cell 8
y.shape

# %% cell 9
y.size

# %% cell 10
y.dtype

# %% cell 11
import numpy as np
a = nd.array([1,2,3])
b = nd.array([1,2,3], dtype=np.int32)
c = nd.array([1.2, 2.3], dtype=np.float16)
(a.dtype, b.dtype, c.dtype)

# %% cell 12
y.context
