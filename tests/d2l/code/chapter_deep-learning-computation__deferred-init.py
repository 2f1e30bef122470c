# Dive into Deep Learning (d2l-ai/d2l-en d749ac0d4d, chapter_deep-learning-computation/deferred-init.md), its MXNet cells with the import lines changed to tinynet. MIT-0 (LICENSE-SAMPLECODE).

# %% cell 0
from tinynet import np, npx
from tinynet.gluon import nn
npx.set_np()

def get_net():
    net = nn.Sequential()
    net.add(nn.Dense(256, activation='relu'))
    net.add(nn.Dense(10))
    return net

net = get_net()

# %% cell 1
print(net.collect_params)
print(net.collect_params())

# %% cell 2
net.initialize()
net.collect_params()

# %% cell 3
X = np.random.uniform(size=(2, 20))
net(X)

net.collect_params()
