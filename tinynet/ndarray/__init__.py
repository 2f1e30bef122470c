"""mx.nd: MXNet 1.x's imperative arrays (`import tinynet.ndarray as F` too).

`NDArray` and every function are in ndarray.py; `mx.nd.random` in random.py.
"""
from . import random  # noqa: F401
from .ndarray import (NDArray, Activation, BatchNorm, Convolution, Dropout,  # noqa: F401
                      Flatten, FullyConnected, add, broadcast_add, broadcast_div,
                      broadcast_maximum, broadcast_minimum, broadcast_mul, broadcast_power,
                      broadcast_sub, divide, elemwise_add, elemwise_div, elemwise_mul,
                      elemwise_sub, multiply, power, subtract,
                      Pooling, SoftmaxOutput, abs, arange, argmax, argmin, array, batch_dot,
                      clip, concat, dot, empty, exp, expand_dims, flatten, full, load, log,
                      log_softmax, max, maximum, mean, min, minimum, negative, one_hot, ones,
                      ones_like, pick, prod, relu, reshape, save, sigmoid, sign, softmax, sqrt,
                      square, stack, sum, tanh, transpose, waitall, where, zeros, zeros_like)
