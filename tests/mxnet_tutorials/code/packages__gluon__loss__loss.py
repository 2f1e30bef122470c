# MXNet 1.9 tutorial docs/python_docs/python/tutorials/packages/gluon/loss/loss.md (apache/mxnet 76d73dbd77, Apache License 2.0),
# its Python cells with the import lines changed to tinynet.

# %% cell 0
from IPython import display
from matplotlib import pyplot as plt
import tinynet as mx
from tinynet import nd, autograd
from tinynet.gluon import nn, loss as gloss

# %% cell 1
loss = gloss.L2Loss()

# %% cell 2
x = nd.ones((2,))
y = nd.ones((2,)) * 2
loss(x, y)

# %% cell 3
.5 * (x - y)**2

# %% cell 4
X = nd.random.uniform(shape=(2, 4))
net = nn.Dense(1)
net.initialize()
with autograd.record():
    l =  loss(net(X), y)
print(l)

# %% cell 5
l.backward()
print(net.weight.grad())

# %% cell 6
def plot(x, y):
    display.set_matplotlib_formats('svg')
    plt.plot(x.asnumpy(), y.asnumpy())
    plt.xlabel('x')
    plt.ylabel('loss')
    plt.show()

def show_regression_loss(loss):
    x = nd.arange(-5, 5, .1)
    y = loss(x, nd.zeros_like(x))
    plot(x, y)


# %% cell 7
def show_classification_loss(loss):
    x = nd.arange(-5, 5, .1)
    y = loss(x, nd.ones_like(x))
    plot(x, y)

# %% cell 8
show_regression_loss(gloss.L1Loss())

# %% cell 9
show_regression_loss(gloss.L2Loss())

# %% cell 10
show_regression_loss(gloss.HuberLoss(rho=1))

# %% cell 11
show_classification_loss(gloss.SigmoidBinaryCrossEntropyLoss())

# %% cell 12
loss = gloss.SoftmaxCrossEntropyLoss()
x = nd.array([[1, 10], [8, 2]])
y = nd.array([0, 1])
loss(x, y)

# %% cell 13
show_classification_loss(gloss.HingeLoss())

# %% cell 14
show_classification_loss(gloss.LogisticLoss())

# %% cell 15
output = mx.nd.array([[0.39056206, 1.3068528, 0.39056206, -0.30258512]])
print('output.softmax(): {}'.format(output.softmax().asnumpy().tolist()))
target_dist = mx.nd.array([[0.3, 0.4, 0.1, 0.2]])
loss_fn = gloss.KLDivLoss(from_logits=False)
loss = loss_fn(output, target_dist)
print('loss (kl divergence): {}'.format(loss.asnumpy().tolist()))

# %% cell 16
x = mx.nd.array([1,0,1,0,1,0])
y = mx.nd.array([1,0,1,0,1,0])
label = mx.nd.array(1)
loss = gloss.CosineEmbeddingLoss()
print(loss(x,y,label))

# %% cell 17
x = mx.nd.array([1,0,1,0,1,0])
y = mx.nd.array([0,1,0,1,0,1])
label = mx.nd.array(-1)
loss = gloss.CosineEmbeddingLoss()
print(loss(x,y,label))

# %% cell 18
x = nd.ones((2,))
y = nd.ones((2,)) * 2
loss = gloss.L2Loss()
loss(x, y, nd.array([1, 2]))
