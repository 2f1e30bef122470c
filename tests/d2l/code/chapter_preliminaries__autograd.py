# Dive into Deep Learning (d2l-ai/d2l-en d749ac0d4d, chapter_preliminaries/autograd.md), its MXNet cells with the import lines changed to tinynet. MIT-0 (LICENSE-SAMPLECODE).

# %% cell 0
from tinynet import autograd, np, npx
npx.set_np()

x = np.arange(4.0)
x

# %% cell 1
# We allocate memory for a tensor's gradient by invoking `attach_grad`
x.attach_grad()
# After we calculate a gradient taken with respect to `x`, we will be able to
# access it via the `grad` attribute, whose values are initialized with 0s
x.grad

# %% cell 2
# Place our code inside an `autograd.record` scope to build the computational
# graph
with autograd.record():
    y = 2 * np.dot(x, x)
y

# %% cell 3
y.backward()
x.grad

# %% cell 4
x.grad == 4 * x

# %% cell 5
with autograd.record():
    y = x.sum()
y.backward()
x.grad  # Overwritten by the newly calculated gradient

# %% cell 6
# When we invoke `backward` on a vector-valued variable `y` (function of `x`),
# a new scalar variable is created by summing the elements in `y`. Then the
# gradient of that scalar variable with respect to `x` is computed
with autograd.record():
    y = x * x  # `y` is a vector
y.backward()
x.grad  # Equals to y = sum(x * x)

# %% cell 7
with autograd.record():
    y = x * x
    u = y.detach()
    z = u * x
z.backward()
x.grad == u

# %% cell 8
y.backward()
x.grad == 2 * x

# %% cell 9
def f(a):
    b = a * 2
    while np.linalg.norm(b) < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c

# %% cell 10
a = np.random.normal()
a.attach_grad()
with autograd.record():
    d = f(a)
d.backward()

# %% cell 11
a.grad == d / a
