"""mx.nd functions that are compositions of the op table's (so autograd goes through them as it
goes through those ops), kept for MXNet code that calls them: split / SliceChannel, add_n /
ElementWiseSum, moveaxis,
concatenate, eye, linspace, from_numpy, argmax_channel and MXNet's older index functions
(choose_element_0index, fill_element_0index, onehot_encode)."""
import numpy as np

from .ndarray import NDArray
from ..ops import registry
from .register import FUNCTIONS, make_function
from .utils import array, resolve_context


def add_n(*args, **kwargs):
    """The elementwise sum of the arrays `args` (all of one shape): MXNet's add_n, also called
    ElementWiseSum."""
    if not args:
        raise ValueError('add_n: give at least one array')
    total = args[0]
    for a in args[1:]:
        total = total + a
    return total if len(args) > 1 else total.copy()


ElementWiseSum = add_n


def moveaxis(tensor, source, destination):
    """`tensor` with axis `source` moved to position `destination` (the others keep their
    order), as NumPy's moveaxis; a transpose."""
    order = [a for a in range(tensor.ndim) if a != source % tensor.ndim]
    order.insert(destination % tensor.ndim, source % tensor.ndim)
    return FUNCTIONS['transpose'](tensor, axes=tuple(order))


def concatenate(arrays, axis=0, always_copy=True):
    """The arrays joined along `axis` (MXNet's older name for concat; always_copy is accepted:
    the result is always a new array)."""
    arrays = list(arrays)
    if len(arrays) == 1 and not always_copy:
        return arrays[0]
    return FUNCTIONS['concat'](*arrays, dim=axis)


def eye(N, M=0, k=0, ctx=None, dtype='float32'):
    """An N x M (M=0: N x N) array with ones on diagonal k (0 the main one, > 0 above)."""
    return array(np.eye(N, M or N, k), ctx=ctx, dtype=dtype)


def linspace(start, stop, num, endpoint=True, ctx=None, dtype='float32'):
    """`num` evenly spaced numbers from start to stop (included when endpoint=True)."""
    return array(np.linspace(start, stop, num, endpoint=endpoint), ctx=ctx, dtype=dtype)


def from_numpy(ndarray, zero_copy=True):
    """An NDArray over the NumPy array `ndarray`. zero_copy=True (default): the same memory, and
    the NumPy array is made read-only (MXNet's rule: it now belongs to the NDArray); it must be
    C-contiguous. zero_copy=False: a copy."""
    if not isinstance(ndarray, np.ndarray):
        raise TypeError('from_numpy: expected a NumPy array, got %s' % type(ndarray).__name__)
    if not zero_copy:
        return array(ndarray, dtype=ndarray.dtype)
    if not ndarray.flags['C_CONTIGUOUS']:
        raise ValueError('from_numpy: only C-contiguous arrays can be shared (zero_copy=True); '
                         'pass zero_copy=False or np.ascontiguousarray(...)')
    shared = ndarray.view()              # the NDArray's writable view of the same memory
    ndarray.flags['WRITEABLE'] = False
    return NDArray(shared, resolve_context(None))


def argmax_channel(data):
    """The index of the maximum along axis 1, the channels (MXNet's argmax_channel)."""
    return FUNCTIONS['argmax'](data, axis=1)


def choose_element_0index(lhs, rhs):
    """lhs[i, rhs[i]] for each row i (MXNet's older pick along axis 1)."""
    return FUNCTIONS['pick'](lhs, rhs, axis=1)


def fill_element_0index(lhs, mhs, rhs):
    """A copy of lhs with lhs[i, rhs[i]] set to mhs[i] for each row i."""
    mask = FUNCTIONS['one_hot'](rhs, depth=lhs.shape[1], dtype=lhs.dtype)
    return lhs * (1 - mask) + mask * mhs.reshape((-1, 1))


def onehot_encode(indices, out):
    """Writes one_hot(indices, depth=out.shape[1]) into `out` and returns it (MXNet's older
    form of one_hot)."""
    out[:] = FUNCTIONS['one_hot'](indices, depth=out.shape[1], dtype=out.dtype)
    return out


_SPLIT_PART = make_function(registry.READ['_split_part'])     # a private row: not in FUNCTIONS


def split(data, num_outputs, axis=1, squeeze_axis=False):
    """data cut into num_outputs equal parts along axis: a list of NDArrays (the array itself
    when num_outputs is 1, as MXNet's); squeeze_axis=True drops that axis when each part has
    size 1 there. Also called SliceChannel."""
    parts = [_SPLIT_PART(data, parts=num_outputs, axis=axis, index=i)
             for i in range(num_outputs)]
    if squeeze_axis:
        parts = [FUNCTIONS['squeeze'](p, axis=axis) for p in parts]
    return parts if num_outputs > 1 else parts[0]


SliceChannel = split
