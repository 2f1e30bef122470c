# MXNet 1.9 tutorial docs/python_docs/python/tutorials/packages/gluon/blocks/parameters.md (apache/mxnet 76d73dbd77, Apache License 2.0),
# its Python cells with the import lines changed to tinynet.

# %% cell 0
from tinynet import init, nd
from tinynet.gluon import nn


net = nn.Sequential()
net.add(nn.Dense(256, activation='relu'))
net.add(nn.Dense(10))
net.initialize()  # Use the default initialization method

x = nd.random.uniform(shape=(2, 20))
net(x)            # Forward computation

# %% cell 1
print(net[0].params)
print(net[1].params)

# %% cell 2
print(net[1].bias)
print(net[1].bias.data())

# %% cell 3
print(net[0].params['dense0_weight'])
print(net[0].params['dense0_weight'].data())

# %% cell 4
net[0].weight.grad()

# %% cell 5
# Parameters only for the first layer
print(net[0].collect_params())
# Parameters of the entire network
print(net.collect_params())

# %% cell 6
net.collect_params()['dense1_bias'].data()

# %% cell 7
print(net.collect_params('.*weight'))
print(net.collect_params('dense0.*'))

# %% cell 8
def block1():
    net = nn.Sequential()
    net.add(nn.Dense(32, activation='relu'))
    net.add(nn.Dense(16, activation='relu'))
    return net

def block2():
    net = nn.Sequential()
    for i in range(4):
        net.add(block1())
    return net

rgnet = nn.Sequential()
rgnet.add(block2())
rgnet.add(nn.Dense(10))
rgnet.initialize()
rgnet(x)

# %% cell 9
print(rgnet.collect_params)
print(rgnet.collect_params())

# %% cell 10
rgnet[0][1][0].bias.data()

# %% cell 11
rgnet.save_parameters('model.params')
rgnet.load_parameters('model.params')

# %% cell 12
# force_reinit ensures that the variables are initialized again,
# regardless of whether they were already initialized previously
net.initialize(init=init.Normal(sigma=0.01), force_reinit=True)
net[0].weight.data()[0]

# %% cell 13
net.initialize(init=init.Constant(1), force_reinit=True)
net[0].weight.data()[0]

# %% cell 14
net[1].initialize(init=init.Constant(42), force_reinit=True)
net[0].weight.initialize(init=init.Xavier(), force_reinit=True)
print(net[1].weight.data()[0,0])
print(net[0].weight.data()[0])

# %% cell 15
class MyInit(init.Initializer):
    def _init_weight(self, name, data):
        print('Init', name, data.shape)
        data[:] = nd.random.uniform(low=-10, high=10, shape=data.shape)
        data *= data.abs() >= 5

net.initialize(MyInit(), force_reinit=True)
net[0].weight.data()[0]

# %% cell 16
net[0].weight.data()[:] += 1
net[0].weight.data()[0,0] = 42
net[0].weight.data()[0]

# %% cell 17
net = nn.Sequential()
# We need to give the shared layer a name such that we can reference
# its parameters
shared = nn.Dense(8, activation='relu')
net.add(nn.Dense(8, activation='relu'),
        shared,
        nn.Dense(8, activation='relu', params=shared.params),
        nn.Dense(10))
net.initialize()

x = nd.random.uniform(shape=(2, 20))
net(x)

# Check whether the parameters are the same
print(net[1].weight.data()[0] == net[2].weight.data()[0])
net[1].weight.data()[0,0] = 100
# And make sure that they're actually the same object rather
# than just having the same value
print(net[1].weight.data()[0] == net[2].weight.data()[0])
