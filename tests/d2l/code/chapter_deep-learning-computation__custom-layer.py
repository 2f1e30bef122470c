# Dive into Deep Learning (d2l-ai/d2l-en d749ac0d4d, chapter_deep-learning-computation/custom-layer.md), its MXNet cells with the import lines changed to tinynet. MIT-0 (LICENSE-SAMPLECODE).

# %% cell 0
from tinynet import np, npx
from tinynet.gluon import nn
npx.set_np()

class CenteredLayer(nn.Block):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def forward(self, X):
        return X - X.mean()

# %% cell 1
layer = CenteredLayer()
layer(np.array([1, 2, 3, 4, 5]))

# %% cell 2
net = nn.Sequential()
net.add(nn.Dense(128), CenteredLayer())
net.initialize()

# %% cell 3
Y = net(np.random.uniform(size=(4, 8)))
Y.mean()

# %% cell 4
class MyDense(nn.Block):
    def __init__(self, units, in_units, **kwargs):
        super().__init__(**kwargs)
        self.weight = self.params.get('weight', shape=(in_units, units))
        self.bias = self.params.get('bias', shape=(units,))

    def forward(self, x):
        linear = np.dot(x, self.weight.data(ctx=x.ctx)) + self.bias.data(
            ctx=x.ctx)
        return npx.relu(linear)

# %% cell 5
dense = MyDense(units=3, in_units=5)
dense.params

# %% cell 6
dense.initialize()
dense(np.random.uniform(size=(2, 5)))

# %% cell 7
net = nn.Sequential()
net.add(MyDense(8, in_units=64),
        MyDense(1, in_units=8))
net.initialize()
net(np.random.uniform(size=(2, 64)))
