"""MNIST with a multilayer perceptron, as in MXNet's tutorial: 784 -> 128 -> 64 -> 10, ReLU.

    python examples/mnist_mlp.py              # about 0.970 test accuracy after 10 epochs
"""
import tinynet as mx
from common import parse_args, run


def mlp():
    data = mx.sym.var('data')
    data = mx.sym.flatten(data=data)                                  # (N, 1, 28, 28) -> (N, 784)
    fc1 = mx.sym.FullyConnected(data=data, num_hidden=128)
    act1 = mx.sym.Activation(data=fc1, act_type='relu')
    fc2 = mx.sym.FullyConnected(data=act1, num_hidden=64)
    act2 = mx.sym.Activation(data=fc2, act_type='relu')
    fc3 = mx.sym.FullyConnected(data=act2, num_hidden=10)
    return mx.sym.SoftmaxOutput(data=fc3, name='softmax')            # softmax + its loss gradient


if __name__ == '__main__':
    run(mlp(), parse_args(__doc__))
