# MXNet 1.9 tutorial docs/python_docs/python/tutorials/packages/gluon/blocks/custom-layer.md (apache/mxnet 76d73dbd77, Apache License 2.0),
# its Python cells with the import lines changed to tinynet.

# %% cell 0
from tinynet import gluon, nd
from tinynet.gluon import nn


class CenteredLayer(nn.Block):
    def __init__(self, **kwargs):
        super(CenteredLayer, self).__init__(**kwargs)

    def forward(self, x):
        return x - x.mean()

# %% cell 1
layer = CenteredLayer()
layer(nd.array([1, 2, 3, 4, 5]))
print(layer)

# %% cell 2
net = nn.Sequential()
net.add(nn.Dense(128), 
        CenteredLayer())
net.initialize()
print(net)

# %% cell 3
y = net(nd.random.uniform(shape=(4, 8)))
y.mean().asscalar()

# %% cell 4
params = gluon.ParameterDict()
params.get('param2', shape=(2, 3))
print(params)

# %% cell 5
class MyDense(nn.Block):

    def __init__(self, units, in_units, **kwargs):
        # units: the number of outputs in this layer
        # in_units: the number of inputs in this layer

        super(MyDense, self).__init__(**kwargs)
        self.weight = self.params.get('weight', shape=(in_units, units))
        self.bias = self.params.get('bias', shape=(units,))

    def forward(self, x):
        linear = nd.dot(x, self.weight.data()) + self.bias.data()
        return nd.relu(linear)

# %% cell 6
dense = MyDense(units=3, in_units=5)
dense.params

# %% cell 7
dense.initialize()
dense(nd.random.uniform(shape=(2, 5)))
print(dense)

# %% cell 8
net = nn.Sequential()
net.add(MyDense(8, in_units=64),
        MyDense(1, in_units=8))
net.initialize()
net(nd.random.uniform(shape=(2, 64)))
print(net)
