# MXNet 1.9 tutorial docs/python_docs/python/tutorials/packages/gluon/blocks/activations/activations.md (apache/mxnet 76d73dbd77, Apache License 2.0),
# its Python cells with the import lines changed to tinynet.

# %% cell 0
import numpy as np
import tinynet as mx
from matplotlib import pyplot as plt
# %matplotlib inline

def visualize_activation(activation_fn):
    data = np.linspace(-10, 10, 501)
    x = mx.nd.array(data)
    x.attach_grad()
    with mx.autograd.record():
        y = activation_fn(x)
    y.backward()
    
    plt.figure()
    plt.plot(data, y.asnumpy())
    plt.plot(data, x.grad.asnumpy())
    activation = activation_fn.name[:-1]
    plt.legend(["{} activation".format(activation), "{} gradient".format(activation)])
    

# %% cell 1
visualize_activation(mx.gluon.nn.Activation('sigmoid'))

# %% cell 2
visualize_activation(mx.gluon.nn.Activation('tanh'))

# %% cell 3
visualize_activation(mx.gluon.nn.Activation('softsign'))

# %% cell 4
visualize_activation(mx.gluon.nn.Activation('relu'))

# %% cell 5
visualize_activation(mx.gluon.nn.Activation('softrelu'))

# %% cell 6
visualize_activation(mx.gluon.nn.LeakyReLU(0.05))

# %% cell 7
prelu = mx.gluon.nn.PReLU(mx.init.Normal(0.05))
prelu.initialize()
visualize_activation(prelu)

# %% cell 8
visualize_activation(mx.gluon.nn.ELU())

# %% cell 9
visualize_activation(mx.gluon.nn.SELU())

# %% cell 10
visualize_activation(mx.gluon.nn.Swish())
