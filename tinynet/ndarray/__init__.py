"""mx.nd: MXNet 1.x's imperative arrays (`import tinynet.ndarray as F` too).

ndarray.py is the NDArray class; utils.py makes arrays and keeps them in files; register.py makes
one function per op of the op table (mx.nd.sum, mx.nd.FullyConnected, ...); random.py is
mx.nd.random.
"""
from . import contrib, random, sparse  # noqa: F401
from .ndarray import NDArray  # noqa: F401
from .register import FUNCTIONS as _FUNCTIONS
from .utils import (arange, array, empty, full, load, ones, save, waitall,  # noqa: F401
                    zeros)

globals().update(_FUNCTIONS)
from .extra import (ElementWiseSum, add_n, argmax_channel, choose_element_0index,  # noqa: F401,E402
                    concatenate, eye, fill_element_0index, from_numpy, linspace, moveaxis,
                    onehot_encode, SliceChannel, split)
# MXNet's older names for the random arrays, still used by its tutorials
random_uniform = uniform = random.uniform
random_normal = normal = random.normal
random_randint = random.randint
__all__ = ['NDArray', 'random_uniform', 'uniform', 'random_normal', 'normal', 'random_randint',
           'arange', 'array', 'empty', 'full', 'load', 'ones', 'random',
           'save', 'waitall', 'zeros', 'ElementWiseSum', 'add_n', 'argmax_channel',
           'choose_element_0index', 'concatenate', 'eye', 'fill_element_0index', 'from_numpy',
           'linspace', 'moveaxis', 'onehot_encode', 'SliceChannel',
           'split'] + sorted(_FUNCTIONS)
