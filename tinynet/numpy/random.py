"""mx.np.random: random arrays with NumPy's signatures (size=), from tinynet's generator
(mx.random.seed fixes them)."""
import numpy as _onp

from .. import rng as _rng
from ..ndarray import array as _nd_array


def _make(values, dtype, ctx):
    from . import array
    return array(values, dtype=dtype or _onp.float32, ctx=ctx)


def uniform(low=0.0, high=1.0, size=None, dtype=None, ctx=None, out=None):
    """Uniform in [low, high); size None gives a 0-d array."""
    return _make(_rng.generator().uniform(low, high, size), dtype, ctx)


def normal(loc=0.0, scale=1.0, size=None, dtype=None, ctx=None, out=None):
    """Normal with mean `loc` and standard deviation `scale`."""
    return _make(_rng.generator().normal(loc, scale, size), dtype, ctx)


def randint(low, high=None, size=None, dtype=None, ctx=None, out=None):
    """Integers in [low, high) (int64 by default)."""
    if high is None:
        low, high = 0, low
    return _make(_rng.generator().integers(low, high, size), dtype or _onp.int64, ctx)


def shuffle(x):
    """Shuffle the rows of the array `x` in place."""
    order = _rng.generator().permutation(x.shape[0])
    x[:] = _nd_array(x.asnumpy()[order], ctx=x.context, dtype=x.dtype)


def rand(*size):
    """Uniform in [0, 1) of shape `size` (float32); no arguments: a 0-d array."""
    return uniform(0.0, 1.0, size=size or None)


def multinomial(n, pvals, size=None):
    """Counts of `n` draws over the outcomes of probabilities `pvals` (an array or list), as
    NumPy's: shape size + (len(pvals),), int64."""
    if hasattr(pvals, 'asnumpy'):
        pvals = pvals.asnumpy()
    pvals = _onp.asarray(pvals, dtype=_onp.float64)
    return _make(_rng.generator().multinomial(n, pvals, size), _onp.int64, None)


def choice(a, size=None, replace=True, p=None, ctx=None, out=None):
    """A random sample of range(a) (an int) or of the array `a`, as NumPy's."""
    if hasattr(a, 'asnumpy'):
        a = a.asnumpy()
    if hasattr(p, 'asnumpy'):
        p = p.asnumpy()
    values = _rng.generator().choice(a, size, replace, p)
    return _make(values, _onp.asarray(values).dtype, ctx)


def randn(*size):
    """Standard normal of shape `size` (float32); no arguments: a 0-d array."""
    return normal(0.0, 1.0, size=size or None)
