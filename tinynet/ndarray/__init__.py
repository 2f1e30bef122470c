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
random_poisson, random_exponential, random_gamma = random.poisson, random.exponential, random.gamma
random_negative_binomial = random.negative_binomial
random_generalized_negative_binomial = random.generalized_negative_binomial
# and the per-element samplers' (parameters as NDArrays), which random.* also are
sample_uniform, sample_normal, sample_poisson = random.uniform, random.normal, random.poisson
sample_exponential, sample_gamma = random.exponential, random.gamma
sample_negative_binomial = random.negative_binomial
sample_generalized_negative_binomial = random.generalized_negative_binomial
sample_multinomial, shuffle = random.multinomial, random.shuffle
_RANDOM_NAMES = ['random_poisson', 'random_exponential', 'random_gamma',
                 'random_negative_binomial', 'random_generalized_negative_binomial',
                 'sample_uniform', 'sample_normal', 'sample_poisson', 'sample_exponential',
                 'sample_gamma', 'sample_negative_binomial',
                 'sample_generalized_negative_binomial', 'sample_multinomial', 'shuffle']
__all__ = _RANDOM_NAMES + [
    'NDArray', 'random_uniform', 'uniform', 'random_normal', 'normal', 'random_randint', 'arange',
    'array', 'empty', 'full', 'load', 'ones', 'random', 'save', 'waitall', 'zeros',
    'ElementWiseSum', 'add_n', 'argmax_channel', 'choose_element_0index', 'concatenate', 'eye',
    'fill_element_0index', 'from_numpy', 'linspace', 'moveaxis', 'onehot_encode', 'SliceChannel',
    'split'] + sorted(_FUNCTIONS)
