# MXNet 1.9 tutorial docs/python_docs/python/tutorials/packages/gluon/blocks/hybridize.md (apache/mxnet 76d73dbd77, Apache License 2.0),
# its Python cells with the import lines changed to tinynet.

# %% cell 0
def add(a, b):
    return a + b

def fancy_func(a, b, c, d):
    e = add(a, b)
    f = add(c, d)
    g = add(e, f)
    return g

fancy_func(1, 2, 3, 4)

# %% cell 1
def add_str():
    return '''
def add(a, b):
    return a + b
'''

def fancy_func_str():
    return '''
def fancy_func(a, b, c, d):
    e = add(a, b)
    f = add(c, d)
    g = add(e, f)
    return g
'''

def evoke_str():
    return add_str() + fancy_func_str() + '''
print(fancy_func(1, 2, 3, 4))
'''

prog = evoke_str()
print(prog)
y = compile(prog, '', 'exec')
exec(y)

# %% cell 2
from tinynet import nd, sym
from tinynet.gluon import nn
import time

def get_net():
    net = nn.HybridSequential()  # Here we use the class HybridSequential.
    net.add(nn.Dense(256, activation='relu'),
            nn.Dense(128, activation='relu'),
            nn.Dense(2))
    net.initialize()
    return net

x = nd.random.normal(shape=(1, 512))
net = get_net()
net(x)

# %% cell 3
net.hybridize()
net(x)

# %% cell 4
def benchmark(net, x):
    start = time.time()
    for i in range(1000):
        _ = net(x)
    nd.waitall()  # To facilitate timing, we wait for all computations to be completed.
    return time.time() - start

net = get_net()
print('before hybridizing: %.4f sec' % (benchmark(net, x)))
net.hybridize()
print('after hybridizing: %.4f sec' % (benchmark(net, x)))

# %% cell 5
net.export('my_mlp')

# %% cell 6
x = sym.var('data')
net(x)

# %% cell 7
class HybridNet(nn.HybridBlock):
    def __init__(self, **kwargs):
        super(HybridNet, self).__init__(**kwargs)
        self.hidden = nn.Dense(10)
        self.output = nn.Dense(2)

    def hybrid_forward(self, F, x):
        print('F: ', F)
        print('x: ', x)
        x = F.relu(self.hidden(x))
        print('hidden: ', x)
        return self.output(x)

# %% cell 8
net = HybridNet()
net.initialize()
x = nd.random.normal(shape=(1, 4))
net(x)

# %% cell 9
net(x)

# %% cell 10
net.hybridize()
net(x)

# %% cell 11
net(x)

# %% cell 12
def hybrid_forward(self, F, x):
    return x[0,0]

# %% cell 13
def hybrid_forward(self, F, x):
    if x.dtype =='float16':
        return x
    return x*2

# %% cell 14
def hybrid_forward(self, F, x):
    if x.context == mx.cpu():
        return x
    return x*2

# %% cell 15
def hybrid_forward(self, F, x):
    return x*x.shape[0]

# %% cell 16
def hybrid_forward(self, F, x):
    x[0] = 2
    return x

# %% cell 17
x = mx.nd.array([1,2,3])
value = mx.nd.ones_like(x)*2
condition = mx.nd.array([0,1,1])
mx.nd.where(condition=condition, x=x, y=value)
