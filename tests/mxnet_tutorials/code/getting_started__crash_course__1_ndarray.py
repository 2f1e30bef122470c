# MXNet 1.9 tutorial docs/python_docs/python/tutorials/getting-started/crash-course/1-ndarray.md (apache/mxnet 76d73dbd77, Apache License 2.0),
# its Python cells with the import lines changed to tinynet.

# %% cell 0
# If you haven't installed MXNet yet, you can uncomment the following line to
# install the latest stable release
# !pip install -U mxnet

from tinynet import nd

# %% cell 1
nd.array(((1,2,3),(5,6,7)))

# %% cell 2
x = nd.ones((2,3))
x

# %% cell 3
y = nd.random.uniform(-1,1,(2,3))
y

# %% cell 4
x = nd.full((2,3), 2.0)
x

# %% cell 5
(x.shape, x.size, x.dtype)

# %% cell 6
x * y

# %% cell 7
y.exp()

# %% cell 8
nd.dot(x, y.T)

# %% cell 9
y[1,2]

# %% cell 10
y[:,1:3]

# %% cell 11
y[:,1:3] = 2
y

# %% cell 12
y[1:2,0:2] = 4
y

# %% cell 13
a = x.asnumpy()
(type(a), a)

# %% cell 14
nd.array(a)
