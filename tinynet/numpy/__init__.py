"""mx.np: MXNet 1.9's NumPy front end (`from mxnet import np, npx`), as far as tinynet has it.

`np.ndarray` is tinynet's NDArray with NumPy's semantics, as MXNet builds its own: the same
engine, ops and autograd underneath (every function here runs ops of the op table through
`invoke`), with NumPy's results on top:

    x = np.array([[1, 2], [3, 4]])      # float32, as MXNet's default
    x.sum()                             # array(10.): a 0-d array, not shape (1,)
    x == 2                              # bool
    float(x.sum()), x.sum().item()      # Python numbers
    np.array([1, 2], dtype='int32') / 2 # array([0.5, 1. ]): true division

What is not here yet is refused by name (AttributeError naming the function), never imitated:
the functions of this first part are those MXNet's unit tests and D2L's first chapters use most.
"""
import builtins as _builtins

import numpy as _onp

from .. import ndarray as _nd
from ..ndarray.ndarray import NDArray as _NDArray, invoke as _invoke
from ..ops.shape import NpReshape as _NpReshape

float32, float64, float16 = _onp.float32, _onp.float64, _onp.float16
int8, int32, int64, uint8, bool_ = _onp.int8, _onp.int32, _onp.int64, _onp.uint8, _onp.bool_
pi, e, inf, nan, newaxis = _onp.pi, _onp.e, _onp.inf, _onp.nan, None


def _np(x):
    """An NDArray as an mx.np ndarray over the same engine value (no copy; autograd continues)."""
    return x if isinstance(x, ndarray) or not isinstance(x, _NDArray) else \
        ndarray(x.engine_value, x.context)


def _reshape(x, shape, views=False):
    return _invoke(_NpReshape('reshape', newshape=tuple(shape)), [x], views=views)


def _reduce(function, a, axis=None, keepdims=False):
    """A classic reduction with NumPy's result shape: axis=None gives a 0-d array."""
    a = _np(a)
    if axis is None and not keepdims:
        return _reshape(getattr(_nd, function)(a), ())
    return _np(getattr(_nd, function)(a, axis=axis, keepdims=keepdims))


class ndarray(_NDArray):
    """An array with NumPy's semantics on tinynet's engine (see the module docstring); made by
    np.array, np.zeros, ... or from an NDArray with `as_np_ndarray()`."""
    __slots__ = ()

    def __repr__(self):
        text = _onp.array2string(self.asnumpy(), separator=', ', prefix='array(')
        ctx = '' if self.context.device_type == 'cpu' else ', ctx=%s' % self.context
        return 'array(%s%s)' % (text, ctx)

    def __str__(self):
        """What print() shows: NumPy's text of the values (repr adds `array(...)`), as MXNet's."""
        return str(self.asnumpy())

    def __format__(self, spec):
        """f'{x:.5f}' of a 0-d array formats its number, as NumPy's (and MXNet's) do; an empty
        spec gives str(x)."""
        return format(self.asnumpy() if self.ndim else self.item(), spec) if spec else str(self)

    @property
    def dtype(self):
        """The element type, a NumPy dtype (dtype('float32'), as MXNet's np arrays give)."""
        return self.engine_value.data.dtype

    def __getitem__(self, key):
        """NumPy's indexing: x[0, 1] is a 0-d array (the classic NDArray gives shape (1,))."""
        result = super().__getitem__(key)
        try:
            shape = _onp.broadcast_to(_onp.float32(0), self.shape)[_host_key(key)].shape
        except (IndexError, TypeError, ValueError):
            return result
        return result if result.shape == shape else _reshape(result, shape)

    @property
    def grad(self):
        buffer = self.engine_value.grad
        return None if buffer is None else ndarray(buffer, self.context)

    def item(self):
        """The value of a one-element array as a Python number."""
        if self.size != 1:
            raise ValueError('np.ndarray.item: the array has shape %s; only a one-element array '
                             'has one value' % (self.shape,))
        return self.asnumpy().item()

    def __float__(self):
        return float(self.item())

    def __int__(self):
        return int(self.item())

    def __index__(self):
        if not _onp.issubdtype(self.dtype, _onp.integer):
            raise TypeError('only integer arrays can be used as an index')
        return int(self.item())

    def __bool__(self):
        if self.size == 0:                 # MXNet's np (as NumPy's did): False, with a warning
            import warnings
            warnings.warn('The truth value of an empty array is ambiguous. Returning False, but '
                          'in future this will result in an error.', DeprecationWarning,
                          stacklevel=2)
            return False
        return bool(self.item())

    __hash__ = _NDArray.__hash__

    def as_in_ctx(self, ctx):
        """This array on `ctx` (itself when already there)."""
        return _np(self.as_in_context(ctx))

    def as_nd_ndarray(self):
        """This array as a classic NDArray, sharing its memory."""
        return _NDArray(self.engine_value, self.context)

    def as_np_ndarray(self):
        return self

    def copy(self):
        return _np(super().copy())

    def reshape(self, *shape, **kwargs):
        """NumPy's reshape: a tuple (or the ints) of the new shape, one of them may be -1."""
        shape = shape[0] if len(shape) == 1 and isinstance(shape[0], (tuple, list)) else shape
        return _reshape(self, kwargs.get('newshape', shape), views=True)    # a view, as NumPy

    def astype(self, dtype, copy=True):
        return _np(super().astype(dtype, copy))

    # NumPy's reductions: 0-d results over all axes
    def sum(self, axis=None, dtype=None, keepdims=False):
        return sum(self, axis, dtype, keepdims=keepdims)

    def mean(self, axis=None, dtype=None, keepdims=False):
        return mean(self, axis, dtype, keepdims=keepdims)

    def max(self, axis=None, keepdims=False):
        return max(self, axis, keepdims=keepdims)

    def min(self, axis=None, keepdims=False):
        return min(self, axis, keepdims=keepdims)

    def prod(self, axis=None, dtype=None, keepdims=False):
        return prod(self, axis, dtype, keepdims=keepdims)

    def cumsum(self, axis=None, dtype=None, out=None):
        return cumsum(self, axis=axis, dtype=dtype)

    def argmax(self, axis=None):
        return argmax(self, axis)

    # NumPy's comparisons give bool arrays; division of integers is true division
    def _compare(self, other, dunder):
        return getattr(_NDArray, dunder)(self, other).astype(bool_)

    def __eq__(self, other):
        return self._compare(other, '__eq__')

    def __ne__(self, other):
        return self._compare(other, '__ne__')

    def __lt__(self, other):
        return self._compare(other, '__lt__')

    def __le__(self, other):
        return self._compare(other, '__le__')

    def __gt__(self, other):
        return self._compare(other, '__gt__')

    def __ge__(self, other):
        return self._compare(other, '__ge__')

    def _float_if_integer(self):
        return self.astype(float32) if _onp.issubdtype(self.dtype, _onp.integer) else self

    def __truediv__(self, other):
        a, b = _promoted(self, other)
        return _NDArray.__truediv__(a._float_if_integer(), b)

    def __rtruediv__(self, other):
        a, b = _promoted(self, other)
        return _NDArray.__rtruediv__(a._float_if_integer(), b)


def _promoted(a, b):
    """Two operands of one dtype, as NumPy's arithmetic mixes them: a bool array takes the
    other's dtype, an integer array a float array's (MXNet keeps float32: int32 * float32 is
    float32, where NumPy would give float64), otherwise NumPy's result_type."""
    if not isinstance(b, _NDArray):
        # a number keeps the array's dtype (int32 * 2.5 is int32 in MXNet), but a bool array
        # becomes int64 first, as MXNet 1.9.1's does (True * 2.0 is 2, int64)
        return (a.astype(int64) if a.dtype == _onp.bool_ and isinstance(b, (int, float)) and
                not isinstance(b, bool) else a), b
    if b.dtype == a.dtype:
        return a, b
    first, second = _onp.dtype(a.dtype), _onp.dtype(b.dtype)
    if first == _onp.bool_ or (first.kind in 'iu' and second.kind == 'f'):
        target = second
    elif second == _onp.bool_ or (second.kind in 'iu' and first.kind == 'f'):
        target = first
    else:
        target = _onp.result_type(first, second)
    return (a if first == target else a.astype(target),
            b if second == target else _np(b).astype(target))


def _mixing(dunder):
    def method(self, other):
        a, b = _promoted(self, other)
        return getattr(_NDArray, dunder)(a, b)
    method.__name__ = dunder
    return method


for _dunder in ('__add__', '__radd__', '__sub__', '__rsub__', '__mul__', '__rmul__', '__pow__',
                '__rpow__', '__mod__', '__rmod__'):
    if hasattr(_NDArray, _dunder):
        setattr(ndarray, _dunder, _mixing(_dunder))


def _host_key(key):
    """An indexing key with its arrays on the host (to work out NumPy's result shape)."""
    if isinstance(key, tuple):
        return tuple(_host_key(k) for k in key)
    return key.asnumpy() if isinstance(key, _NDArray) else key


def _ctx_dtype(dtype):
    return float32 if dtype is None else dtype


def array(object, dtype=None, ctx=None):
    """An array of `object` (a list, a NumPy array, an NDArray); dtype default float32 (MXNet's
    default for mx.np, whatever the source)."""
    if isinstance(object, _NDArray):
        result = object.as_in_context(ctx) if ctx is not None else object.copy()
        return _np(result.astype(dtype) if dtype is not None else result)
    values = _onp.asarray(object)
    if dtype is None:
        dtype = bool_ if values.dtype == bool_ else float32
    host = values.astype(dtype)
    if host.ndim == 0:                   # a 0-d array: through a one-element one
        return _reshape(_np(_nd.array(host.reshape(1), ctx=ctx, dtype=dtype)), ())
    return _np(_nd.array(host, ctx=ctx, dtype=dtype))


asarray = array


def zeros(shape, dtype=None, ctx=None):
    """Zeros of `shape` (an int or a tuple; () is 0-d), float32 by default."""
    return _filled(_nd.zeros, shape, dtype, ctx)


def ones(shape, dtype=None, ctx=None):
    """Ones of `shape`, float32 by default."""
    return _filled(_nd.ones, shape, dtype, ctx)


def full(shape, fill_value, dtype=None, ctx=None):
    """`fill_value` everywhere in `shape`, float32 by default."""
    return _filled(lambda s, ctx, dtype: _nd.full(s, fill_value, ctx=ctx, dtype=dtype),
                   shape, dtype, ctx)


def empty(shape, dtype=None, ctx=None):
    """An array of `shape` (zeros in tinynet), float32 by default."""
    return zeros(shape, dtype, ctx)


def _filled(make, shape, dtype, ctx):
    shape = (shape,) if isinstance(shape, int) else tuple(shape)
    made = _np(make(shape or (1,), ctx=ctx, dtype=_ctx_dtype(dtype)))
    return made if shape else _reshape(made, ())


def zeros_like(a, dtype=None):
    return zeros(a.shape, dtype or a.dtype, a.context)


def ones_like(a, dtype=None):
    return ones(a.shape, dtype or a.dtype, a.context)


def arange(start, stop=None, step=1, dtype=None, ctx=None):
    """start, start + step, ... below stop (float32 by default, as MXNet's np.arange)."""
    if stop is None:
        start, stop = 0, start
    return array(_onp.arange(start, stop, step), dtype=_ctx_dtype(dtype), ctx=ctx)


def linspace(start, stop, num=50, endpoint=True, dtype=None, ctx=None):
    """`num` evenly spaced numbers from start to stop (float32 by default)."""
    return array(_onp.linspace(start, stop, num, endpoint=endpoint), dtype=_ctx_dtype(dtype),
                 ctx=ctx)


def eye(N, M=None, k=0, dtype=None, ctx=None):
    """Ones on diagonal k of an N x M matrix (float32 by default)."""
    return array(_onp.eye(N, M, k), dtype=_ctx_dtype(dtype), ctx=ctx)


def reshape(a, newshape, order='C'):
    return _np(a).reshape(newshape)


def concatenate(seq, axis=0):
    """The arrays of `seq` joined along `axis` (None: flattened first)."""
    seq = [_np(a) for a in seq]
    if axis is None:
        seq, axis = [a.reshape(-1) for a in seq], 0
    return _np(_nd.concat(*seq, dim=axis))


def stack(arrays, axis=0):
    """The arrays (one shape) stacked along a new axis `axis`."""
    return _np(_nd.stack(*[_np(a) for a in arrays], axis=axis))


def dot(a, b):
    """NumPy's dot of two arrays of up to 2 axes (vectors give a 0-d array)."""
    a, b = _np(a), _np(b)
    if a.ndim == 1 and b.ndim == 1:
        return _reshape(_nd.dot(a, b), ())
    return _np(_nd.dot(a, b))


matmul = dot


def transpose(a, axes=None):
    return _np(_nd.transpose(_np(a), axes=axes) if axes is not None else _nd.transpose(_np(a)))


def expand_dims(a, axis):
    return _np(_nd.expand_dims(_np(a), axis=axis))


def squeeze(a, axis=None):
    return _np(_nd.squeeze(_np(a), axis=axis))


def sum(a, axis=None, dtype=None, out=None, keepdims=False):
    result = _reduce('sum', a, axis, keepdims)
    return result.astype(dtype) if dtype is not None else result


def mean(a, axis=None, dtype=None, out=None, keepdims=False):
    result = _reduce('mean', a, axis, keepdims)
    return result.astype(dtype) if dtype is not None else result


def max(a, axis=None, out=None, keepdims=False):
    return _reduce('max', a, axis, keepdims)


def min(a, axis=None, out=None, keepdims=False):
    return _reduce('min', a, axis, keepdims)


def prod(a, axis=None, dtype=None, out=None, keepdims=False):
    result = _reduce('prod', a, axis, keepdims)
    return result.astype(dtype) if dtype is not None else result


def argmax(a, axis=None):
    """The index of the largest element (of the flattened array when axis is None), int64."""
    a = _np(a)
    if axis is None:
        return _reshape(_nd.argmax(a.reshape(-1), axis=0), ()).astype(int64)
    return _np(_nd.argmax(a, axis=axis)).astype(int64)


def _unary(name):
    def function(x):
        return _np(getattr(_nd, name)(_np(x)))
    function.__name__ = name
    function.__doc__ = 'NumPy\'s %s, elementwise (the %r op of the op table).' % (name, name)
    return function


for _name in ('exp', 'log', 'sqrt', 'abs', 'sin', 'cos', 'tan', 'tanh', 'sinh', 'cosh', 'square',
              'sign', 'floor', 'ceil', 'log2', 'log10', 'log1p', 'expm1', 'arcsin', 'arccos',
              'arctan', 'negative', 'reciprocal'):
    globals()[_name] = _unary(_name)
absolute = globals()['abs']


def _binary(name, nd_name):
    def function(x1, x2):
        first = x1 if isinstance(x1, _NDArray) else x2
        like = _np(first)
        x1 = _np(x1) if isinstance(x1, _NDArray) else x1
        x2 = _np(x2) if isinstance(x2, _NDArray) else x2
        if not isinstance(x1, _NDArray):
            x1 = full(like.shape or (), x1, like.dtype, like.context)
        return _np(getattr(_nd, nd_name)(x1, x2))
    function.__name__ = name
    function.__doc__ = 'NumPy\'s %s of two arrays (or an array and a number), broadcasting.' % name
    return function


for _name, _nd_name in (('add', 'broadcast_add'), ('subtract', 'broadcast_sub'),
                        ('multiply', 'broadcast_mul'), ('maximum', 'broadcast_maximum'),
                        ('minimum', 'broadcast_minimum'), ('power', 'broadcast_power')):
    globals()[_name] = _binary(_name, _nd_name)


def divide(x1, x2):
    """True division (integers give floats, as NumPy)."""
    return _np(x1) / x2 if isinstance(x1, _NDArray) else x1 / _np(x2)


true_divide = divide


def clip(a, a_min, a_max):
    return _np(_nd.clip(_np(a), a_min, a_max))


def where(condition, x, y):
    """x where condition, else y (arrays of one shape)."""
    condition, x, y = _np(condition), _np(x), _np(y)
    return _np(_nd.where(condition.astype(x.dtype), x, y))


def cumsum(a, axis=None, dtype=None, out=None):
    """Running sums along `axis` (None: of the flattened array); the cumsum op."""
    return _np(_nd.cumsum(_np(a), axis=axis, dtype=dtype))


def tile(A, reps):
    """A repeated `reps` times along each axis (the tile op)."""
    return _np(_nd.tile(_np(A), reps=(reps,) if isinstance(reps, int) else tuple(reps)))


def repeat(a, repeats, axis=None):
    """Each element `repeats` times along `axis` (None: of the flattened array)."""
    return _np(_nd.repeat(_np(a), repeats=repeats, axis=axis))


def meshgrid(*xi, indexing='xy'):
    """Coordinate matrices from coordinate vectors, as NumPy's (indexing 'xy' or 'ij'), made by
    broadcasting the vectors (so gradients reach them)."""
    if indexing not in ('xy', 'ij'):
        raise ValueError("meshgrid: indexing must be 'xy' or 'ij', got %r" % (indexing,))
    vectors = [_np(x).reshape(-1) for x in xi]
    shape = [v.shape[0] for v in vectors]
    if indexing == 'xy' and len(vectors) > 1:
        shape[0], shape[1] = shape[1], shape[0]
    grids = []
    for i, v in enumerate(vectors):
        axis = (1 - i if i < 2 else i) if indexing == 'xy' and len(vectors) > 1 else i
        view = [1] * len(vectors)
        view[axis] = v.shape[0]
        grids.append(_np(_nd.broadcast_to(v.reshape(view), shape=tuple(shape))))
    return grids


def nonzero(a):
    """The indices of the nonzero elements, one int64 array per axis (no gradient)."""
    a = _np(a)
    return tuple(array(i, dtype=int64, ctx=a.context) for i in _onp.nonzero(a.asnumpy()))


def unique(ar, return_index=False, return_inverse=False, return_counts=False, axis=None):
    """The sorted unique elements (and, as asked, their first indices, the inverse and the
    counts), as NumPy's; no gradient."""
    ar = _np(ar)
    found = _onp.unique(ar.asnumpy(), return_index, return_inverse, return_counts, axis)
    if not isinstance(found, tuple):
        return array(found, dtype=ar.dtype, ctx=ar.context)
    return (array(found[0], dtype=ar.dtype, ctx=ar.context),) + tuple(
        array(f, dtype=int64, ctx=ar.context) for f in found[1:])


def genfromtxt(*args, **kwargs):
    """NumPy's genfromtxt (a text file of numbers) as an mx.np array (float32 from float64, as
    MXNet's array())."""
    return array(_onp.genfromtxt(*args, **kwargs))


from . import linalg, random  # noqa: E402,F401  (they use the functions above)


def __getattr__(name):
    raise AttributeError('mx.np.%s is not in tinynet yet: its NumPy front end has %s' % (
        name, ', '.join(sorted(n for n in globals() if not n.startswith('_')
                               and callable(globals()[n]) and n[0].islower()))))
