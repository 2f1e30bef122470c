"""mx.random: random NDArrays and the seed of tinynet's one generator (rng.py), as MXNet's.

    mx.random.seed(42)
    w = mx.random.uniform(-0.1, 0.1, shape=(3, 4))       # an NDArray, on the current context
"""
from .ndarray.random import (exponential, gamma, generalized_negative_binomial,  # noqa: F401
                             multinomial, negative_binomial, normal, poisson, randint, randn,
                             shuffle, uniform)
from .rng import seed  # noqa: F401
