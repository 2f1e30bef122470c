"""MNIST with LeNet, as in MXNet's tutorial: two 5x5 convolutions with tanh and 2x2 max pooling,
then two fully connected layers (431,080 parameters).

    python examples/mnist_lenet.py            # about 0.99 test accuracy after 10 epochs
    python examples/mnist_lenet.py --epochs 1 --save lenet    # quicker (Xavier weights, about
                                                              # 0.97); keeps a checkpoint
"""
import tinynet as mx
from common import parse_args, run


def lenet():
    data = mx.sym.var('data')
    conv1 = mx.sym.Convolution(data=data, kernel=(5, 5), num_filter=20)        # -> (N, 20, 24, 24)
    tanh1 = mx.sym.Activation(data=conv1, act_type='tanh')
    pool1 = mx.sym.Pooling(data=tanh1, pool_type='max', kernel=(2, 2), stride=(2, 2))  # 12 x 12
    conv2 = mx.sym.Convolution(data=pool1, kernel=(5, 5), num_filter=50)       # -> (N, 50, 8, 8)
    tanh2 = mx.sym.Activation(data=conv2, act_type='tanh')
    pool2 = mx.sym.Pooling(data=tanh2, pool_type='max', kernel=(2, 2), stride=(2, 2))  # 4 x 4
    flatten = mx.sym.flatten(data=pool2)                                       # -> (N, 800)
    fc1 = mx.symbol.FullyConnected(data=flatten, num_hidden=500)
    tanh3 = mx.sym.Activation(data=fc1, act_type='tanh')
    fc2 = mx.sym.FullyConnected(data=tanh3, num_hidden=10)
    return mx.sym.SoftmaxOutput(data=fc2, name='softmax')


def lenet_imperative(x, p):
    """The same LeNet written with mx.nd calls, for autograd.record(): `p` holds the NDArrays
    conv1_weight, conv1_bias, conv2_weight, ... fc2_bias. Returns the logits (N, 10)."""
    nd = mx.nd
    h = nd.Convolution(x, p['conv1_weight'], p['conv1_bias'], kernel=(5, 5), num_filter=20)
    h = nd.Pooling(nd.tanh(h), pool_type='max', kernel=(2, 2), stride=(2, 2))
    h = nd.Convolution(h, p['conv2_weight'], p['conv2_bias'], kernel=(5, 5), num_filter=50)
    h = nd.Pooling(nd.tanh(h), pool_type='max', kernel=(2, 2), stride=(2, 2))
    h = nd.tanh(nd.FullyConnected(nd.flatten(h), p['fc1_weight'], p['fc1_bias'], num_hidden=500))
    return nd.FullyConnected(h, p['fc2_weight'], p['fc2_bias'], num_hidden=10)


LENET_PARAMS = ['conv1_weight', 'conv1_bias', 'conv2_weight', 'conv2_bias', 'fc1_weight',
                'fc1_bias', 'fc2_weight', 'fc2_bias']


if __name__ == '__main__':
    run(lenet(), parse_args(__doc__))
