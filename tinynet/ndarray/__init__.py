"""mx.nd: MXNet 1.x's imperative arrays (`import tinynet.ndarray as F` too).

`NDArray` and every function are in ndarray.py; `mx.nd.random` in random.py.
"""
from . import random  # noqa: F401
from .ndarray import (NDArray, Activation, BatchNorm, Convolution, Dropout,  # noqa: F401
                      Flatten, FullyConnected,
                      Pooling, SoftmaxOutput, abs, arange, argmax, argmin, array, batch_dot,
                      clip, concat, dot, empty, exp, expand_dims, flatten, full, load, log,
                      log_softmax, max, maximum, mean, min, minimum, negative, one_hot, ones,
                      ones_like, pick, prod, relu, reshape, save, sigmoid, sign, softmax, sqrt,
                      square, stack, sum, tanh, transpose, waitall, where, zeros, zeros_like)
