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


def _sample(name, draw, params, shape, dtype, ctx, out):
    """MXNet's two forms of each distribution: numbers as parameters give an array of `shape`
    (default (1,), or out's); NDArrays as parameters (all of one shape) give, for each of their
    elements, `shape` draws (default one): an array of params' shape + shape, on their context.
    draw(*parameters, size) is NumPy's generator method."""
    if all(isinstance(p, NDArray) for p in params):
        arrays = [p.asnumpy().astype(np.float64) for p in params]
        if any(a.shape != arrays[0].shape for a in arrays):
            raise ValueError('mx.nd.random.%s: the parameter arrays differ in shape: %s'
                             % (name, [a.shape for a in arrays]))
        extra = () if shape is None else shape_tuple(shape)
        size = arrays[0].shape + extra
        arrays = [a.reshape(a.shape + (1,) * len(extra)) for a in arrays]
        return _draw(draw(*arrays, size=size), ctx or params[0].context, dtype, out)
    if any(isinstance(p, NDArray) for p in params):
        raise TypeError('mx.nd.random.%s: the parameters must be all numbers or all NDArrays, '
                        'not %s' % (name, [type(p).__name__ for p in params]))
    shape = out.shape if out is not None else shape_tuple((1,) if shape is None else shape)
    return _draw(draw(*params, size=shape), ctx, dtype, out)


def uniform(low=0.0, high=1.0, shape=None, dtype=None, ctx=None, out=None):
    """Draws from U(low, high): low=0, high=1 (numbers, or NDArrays: shape draws for each of
    their elements), shape=(1,) for numbers, dtype float32, ctx the current context (MXNet's
    defaults); with out=, written there."""
    return _sample('uniform', rng.generator().uniform, (low, high), shape, dtype, ctx, out)


def normal(loc=0.0, scale=1.0, shape=None, dtype=None, ctx=None, out=None):
    """Draws from N(loc, scale^2): loc=0, scale=1 (numbers or NDArrays, as uniform's),
    shape=(1,), dtype float32, ctx the current context (MXNet's defaults); out= as uniform's."""
    return _sample('normal', rng.generator().normal, (loc, scale), shape, dtype, ctx, out)


def randn(*shape, loc=0.0, scale=1.0, dtype=None, ctx=None):
    """normal() with the shape given as separate numbers: randn(2, 3)."""
    return normal(loc, scale, shape, dtype, ctx)


def randint(low, high, shape=(1,), dtype=None, ctx=None, out=None):
    """Whole numbers drawn uniformly from [low, high), as an NDArray of `shape` (dtype int32, as
    MXNet's)."""
    shape = out.shape if out is not None else shape_tuple(shape)
    return _draw(rng.generator().integers(low, high, shape), ctx, dtype or np.int32, out)


def poisson(lam=1.0, shape=None, dtype=None, ctx=None, out=None):
    """Draws from Poisson(lam), mean and variance lam: lam=1 (a number or an NDArray, as
    uniform's), shape=(1,), dtype float32 (MXNet's defaults); out= as uniform's."""
    return _sample('poisson', rng.generator().poisson, (lam,), shape, dtype, ctx, out)


def exponential(scale=1.0, shape=None, dtype=None, ctx=None, out=None):
    """Draws from the exponential distribution of mean `scale` (density exp(-x/scale)/scale):
    scale=1, shape=(1,), dtype float32 (MXNet's defaults); parameters and out= as uniform's."""
    return _sample('exponential', rng.generator().exponential, (scale,), shape, dtype, ctx, out)


def gamma(alpha=1.0, beta=1.0, shape=None, dtype=None, ctx=None, out=None):
    """Draws from Gamma with shape `alpha` and scale `beta` (mean alpha * beta, variance
    alpha * beta^2): alpha=1, beta=1, shape=(1,), dtype float32 (MXNet's defaults)."""
    return _sample('gamma', rng.generator().gamma, (alpha, beta), shape, dtype, ctx, out)


def negative_binomial(k=1, p=1.0, shape=None, dtype=None, ctx=None, out=None):
    """Draws from the negative binomial: the failures before the k-th success of trials that
    succeed with probability p (mean k(1-p)/p): k=1, p=1, shape=(1,), dtype float32 (MXNet's
    defaults)."""
    return _sample('negative_binomial', rng.generator().negative_binomial, (k, p), shape, dtype,
                   ctx, out)


def _generalized_negative_binomial(mu, alpha, size):
    """Poisson draws whose rate is Gamma(1/alpha, alpha * mu): mean mu, variance
    mu + alpha * mu^2 (plain Poisson(mu) where alpha is 0), as MXNet's sampler."""
    g = rng.generator()
    mu, alpha = np.broadcast_to(mu, size), np.broadcast_to(alpha, size)
    spread = alpha > 0
    safe = np.where(spread, alpha, 1.0)
    rate = np.where(spread, g.gamma(1.0 / safe, safe * mu, size), mu)
    return g.poisson(rate)


def generalized_negative_binomial(mu=1.0, alpha=1.0, shape=None, dtype=None, ctx=None, out=None):
    """Draws from the negative binomial of mean `mu` and dispersion `alpha` (variance
    mu + alpha * mu^2): mu=1, alpha=1, shape=(1,), dtype float32 (MXNet's defaults)."""
    return _sample('generalized_negative_binomial', _generalized_negative_binomial, (mu, alpha),
                   shape, dtype, ctx, out)


def multinomial(data, shape=None, get_prob=False, out=None, dtype='int32'):
    """Class indices drawn from the distributions in data's last axis (each row sums to 1):
    shape draws of each (default one; an array of data.shape[:-1] + shape, or (1,) for one
    1-D distribution), dtype int32. get_prob=True returns [samples, log-probabilities of the
    draws]; the log-probabilities are log(pick(data, sample)), recorded by autograd, so that a
    reward given as their head gradient reaches data (REINFORCE), as MXNet's."""
    from .register import FUNCTIONS as nd_ops     # the op table's mx.nd functions
    probs = data.asnumpy().astype(np.float64)
    if probs.ndim == 0 or np.any(probs < 0) or not np.allclose(probs.sum(-1), 1, atol=1e-4):
        raise ValueError('mx.nd.random.multinomial: data (shape %s) must hold probabilities '
                         'that sum to 1 along its last axis' % (probs.shape,))
    extra = () if shape is None else shape_tuple(shape)
    rows = probs.reshape(-1, probs.shape[-1])
    cumulative = np.cumsum(rows, axis=-1)
    u = rng.generator().uniform(size=(len(rows), int(np.prod(extra, dtype=np.int64))))
    drawn = np.stack([np.minimum(np.searchsorted(c, r, side='right'), len(c) - 1)
                      for c, r in zip(cumulative, u)])
    out_shape = probs.shape[:-1] + extra if probs.ndim > 1 or extra else (1,)
    samples = _draw(drawn.reshape(out_shape), data.context, dtype, out)
    if not get_prob:
        return samples
    index = samples.astype(data.dtype)
    source = data
    if extra:           # each distribution repeated once per draw: (..., draws..., k)
        for _ in extra:
            source = nd_ops['expand_dims'](source, axis=-2)
        source = nd_ops['broadcast_to'](source, out_shape + (probs.shape[-1],))
    elif probs.ndim == 1:
        source = nd_ops['reshape'](source, (1, -1))
    return [samples, nd_ops['log'](nd_ops['pick'](source, index, axis=-1))]


def shuffle(data, out=None):
    """A copy of data with its first axis in a random order (the rows of a 2-D array move, each
    row stays as it was); data itself is left as it is."""
    order = rng.generator().permutation(data.shape[0])
    result = NDArray(data.data_array[to_device(order, data.context.xp)], data.context)
    if out is not None:
        out[:] = result
        return out
    return result
