"""mx.nd.random: arrays of random numbers, drawn from tinynet's one generator (`mx.random.seed`
fixes them), on the host, then moved to the array's context."""
import numpy as np

from .. import rng
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
    """An NDArray of `shape` (or out's) drawn from U(low, high): low=0, high=1, shape=(1,),
    dtype float32, ctx the current context (MXNet's defaults); with out=, written there."""
    shape = out.shape if out is not None else shape_tuple(shape)
    return _draw(rng.generator().uniform(low, high, shape), ctx, dtype, out)


def normal(loc=0.0, scale=1.0, shape=(1,), dtype=None, ctx=None, out=None):
    """An NDArray of `shape` (or out's) drawn from N(loc, scale^2): loc=0, scale=1, shape=(1,),
    dtype float32, ctx the current context (MXNet's defaults); with out=, written there."""
    shape = out.shape if out is not None else shape_tuple(shape)
    return _draw(rng.generator().normal(loc, scale, shape), ctx, dtype, out)


def randn(*shape, loc=0.0, scale=1.0, dtype=None, ctx=None):
    """normal() with the shape given as separate numbers: randn(2, 3)."""
    return normal(loc, scale, shape, dtype, ctx)


def randint(low, high, shape=(1,), dtype=None, ctx=None, out=None):
    """Whole numbers drawn uniformly from [low, high), as an NDArray of `shape` (dtype int32, as
    MXNet's)."""
    shape = out.shape if out is not None else shape_tuple(shape)
    return _draw(rng.generator().integers(low, high, shape), ctx, dtype or np.int32, out)
