# MXNet 1.9 tutorial docs/python_docs/python/tutorials/getting-started/crash-course/3-autograd.md (apache/mxnet 76d73dbd77, Apache License 2.0),
# its Python cells with the import lines changed to tinynet.

# %% cell 0
from tinynet import nd
from tinynet import autograd

# %% cell 1
x = nd.array([[1, 2], [3, 4]])
x

# %% cell 2
x.attach_grad()

# %% cell 3
with autograd.record():
    y = 2 * x * x

# %% cell 4
y.backward()

# %% cell 5
x.grad

# %% cell 6
def f(a):
    b = a * 2
    while b.norm().asscalar() < 1000:
        b = b * 2
    if b.sum().asscalar() >= 0:
        c = b[0]
    else:
        c = b[1]
    return c

# %% cell 7
a = nd.random.uniform(shape=2)
a.attach_grad()
with autograd.record():
    c = f(a)
c.backward()

# %% cell 8
[a.grad, c/a]
