"""mx.nd.random: arrays of random numbers, drawn from tinynet's one generator (`mx.random.seed`
fixes them), on the host, then moved to the array's context."""
import numpy as np

from .. import random as _random
from ..backend import to_device
from .ndarray import DEFAULT_DTYPE, NDArray
from .utils import resolve_context, shape_tuple


def _draw(values, ctx, dtype, out):
    ctx = out.context if out is not None else resolve_context(ctx)
    data = to_device(np.asarray(values, dtype=dtype or DEFAULT_DTYPE), ctx.xp)
    if out is not None:
        out[:] = NDArray(data, ctx)
        return out
    return NDArray(data, ctx)


def uniform(low=0.0, high=1.0, shape=(1,), dtype=None, ctx=None, out=None):
    """Numbers from U(low, high), `shape` (or out's shape)."""
    shape = out.shape if out is not None else shape_tuple(shape)
    return _draw(_random.generator().uniform(low, high, shape), ctx, dtype, out)


def normal(loc=0.0, scale=1.0, shape=(1,), dtype=None, ctx=None, out=None):
    """Numbers from N(loc, scale^2)."""
    shape = out.shape if out is not None else shape_tuple(shape)
    return _draw(_random.generator().normal(loc, scale, shape), ctx, dtype, out)


def randn(*shape, loc=0.0, scale=1.0, dtype=None, ctx=None):
    return normal(loc, scale, shape, dtype, ctx)
