"""MNIST with LeNet, as in MXNet's tutorial: two 5x5 convolutions with tanh and 2x2 max pooling,
then two fully connected layers (431,080 parameters).

    python examples/mnist_lenet.py            # about 0.99 test accuracy after 10 epochs
    python examples/mnist_lenet.py --epochs 1 --save lenet    # quicker; keeps a checkpoint
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


if __name__ == '__main__':
    run(lenet(), parse_args(__doc__))
