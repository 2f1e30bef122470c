"""mx.random: random NDArrays and the seed of tinynet's one generator (rng.py), as MXNet's.

    mx.random.seed(42)
    w = mx.random.uniform(-0.1, 0.1, shape=(3, 4))       # an NDArray, on the current context
"""
from .ndarray.random import normal, randn, uniform  # noqa: F401
from .rng import seed  # noqa: F401
