# Dive into Deep Learning (d2l-ai/d2l-en d749ac0d4d, chapter_deep-learning-computation/read-write.md), its MXNet cells with the import lines changed to tinynet. MIT-0 (LICENSE-SAMPLECODE).

# %% cell 0
from tinynet import np, npx
from tinynet.gluon import nn
npx.set_np()

x = np.arange(4)
npx.save('x-file', x)

# %% cell 1
x2 = npx.load('x-file')
x2

# %% cell 2
y = np.zeros(4)
npx.save('x-files', [x, y])
x2, y2 = npx.load('x-files')
(x2, y2)

# %% cell 3
mydict = {'x': x, 'y': y}
npx.save('mydict', mydict)
mydict2 = npx.load('mydict')
mydict2

# %% cell 4
class MLP(nn.Block):
    def __init__(self, **kwargs):
        super(MLP, self).__init__(**kwargs)
        self.hidden = nn.Dense(256, activation='relu')
        self.output = nn.Dense(10)

    def forward(self, x):
        return self.output(self.hidden(x))

net = MLP()
net.initialize()
X = np.random.uniform(size=(2, 20))
Y = net(X)

# %% cell 5
net.save_parameters('mlp.params')

# %% cell 6
clone = MLP()
clone.load_parameters('mlp.params')

# %% cell 7
Y_clone = clone(X)
Y_clone == Y
