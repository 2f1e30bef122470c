"""Making NDArrays (mx.nd.array, zeros, ones, full, empty, arange) and keeping them in files
(mx.nd.save, mx.nd.load), as MXNet's ndarray/utils.py."""
import numpy as np

from ..backend import Context, current_context, to_device, to_numpy
from ..fileio import is_mxnet_file, load_arrays, read_mxnet_arrays, save_arrays
from .ndarray import DEFAULT_DTYPE, NDArray, into


def resolve_context(ctx):
    """ctx as a Context (the current context, cpu(0), when None), made the current device: a
    GPU allocates new arrays on its current device."""
    ctx = Context(ctx) if ctx is not None else current_context()
    ctx.activate()
    return ctx


def array(source_array, ctx=None, dtype=None):
    """A new NDArray with a copy of `source_array` (float32 unless `dtype`, or the source's dtype
    when the source is an NDArray)."""
    if isinstance(source_array, NDArray):
        dtype = dtype or source_array.dtype
        source_array = source_array.data_array
    elif not hasattr(source_array, '__cuda_array_interface__'):
        kind = np.asarray(source_array).dtype.kind
        if kind in 'USOV':
            raise TypeError('nd.array: the values must be numbers, got %s'
                            % ('strings' if kind in 'US' else 'objects of mixed kinds'))
    ctx = resolve_context(ctx)
    data = np.array(to_numpy(source_array), dtype=dtype or DEFAULT_DTYPE, copy=True) \
        if ctx.xp is np else ctx.xp.array(to_device(source_array, ctx.xp),
                                          dtype=dtype or DEFAULT_DTYPE)
    return NDArray(data.reshape(data.shape or (1,)), ctx)


def shape_tuple(shape):
    """An int or a sequence of ints as a shape tuple."""
    return (shape,) if isinstance(shape, (int, np.integer)) else tuple(shape)


def _check_stype(where, stype):
    if stype not in (None, 'default'):
        raise NotImplementedError('mx.nd.%s: stype=%r: tinynet has only dense arrays (sparse '
                                  'storage is outside its scope)' % (where, stype))


def zeros(shape, ctx=None, dtype=None, stype=None, out=None):
    """An array of zeros (float32 unless `dtype`), on `ctx` (default: the current context)."""
    return full(shape, 0, ctx, dtype, out, stype, 'zeros')


def ones(shape, ctx=None, dtype=None, stype=None, out=None):
    """An array of ones (float32 unless `dtype`)."""
    return full(shape, 1, ctx, dtype, out, stype, 'ones')


def full(shape, val, ctx=None, dtype=None, out=None, stype=None, where='full'):
    """An array of `shape` filled with `val` (float32 unless `dtype`); with out=, written there."""
    _check_stype(where, stype)
    if out is not None:
        out.context.activate()
        return into(out, NDArray(out.context.xp.full(shape_tuple(shape), val, dtype=out.dtype),
                                 out.context))
    ctx = resolve_context(ctx)
    return NDArray(ctx.xp.full(shape_tuple(shape), val, dtype=dtype or DEFAULT_DTYPE), ctx)


def empty(shape, ctx=None, dtype=None, stype=None):
    """An array whose values are whatever the memory held."""
    _check_stype('empty', stype)
    ctx = resolve_context(ctx)
    return NDArray(ctx.xp.empty(shape_tuple(shape), dtype=dtype or DEFAULT_DTYPE), ctx)


def arange(start, stop=None, step=1.0, repeat=1, infer_range=False, ctx=None, dtype=None):
    """start, start + step, ... below stop (from 0 to start when stop is None), each `repeat`
    times, as MXNet's."""
    ctx = resolve_context(ctx)
    values = np.arange(0 if stop is None else start, start if stop is None else stop, step)
    values = np.repeat(values, int(repeat)).astype(dtype or DEFAULT_DTYPE)
    return NDArray(to_device(values, ctx.xp), ctx)


def waitall():
    """Kept for MXNet compatibility: tinynet computes at once."""


def save(fname, data):
    """Save an NDArray, a list of them or a dict {name: NDArray} to `fname` in MXNet's NDArray
    file format (MXNet's mx.nd.load reads it), written whole or not at all."""
    if isinstance(data, NDArray):
        data = [data]
    if isinstance(data, dict):
        items = list(data.items())
        for name, _ in items:
            if not isinstance(name, str):
                raise TypeError('nd.save: the names of a dict must be str, got %r' % (name,))
    elif isinstance(data, (list, tuple)):
        items = [('index %d' % i, a) for i, a in enumerate(data)]
    else:
        raise TypeError('nd.save: data must be an NDArray, a list or a dict of them, got %s'
                        % type(data).__name__)
    for name, a in items:
        if not isinstance(a, NDArray):
            raise TypeError('nd.save: %s is a %s, not an NDArray' % (name, type(a).__name__))
    if isinstance(data, dict):
        save_arrays(fname, {name: a.asnumpy() for name, a in items}, 'nd.save')
    else:
        save_arrays(fname, [a.asnumpy() for _, a in items], 'nd.save')


def load(fname, ctx=None):
    """What `save` wrote, or MXNet's mx.nd.save, or any .params file (tinynet's or MXNet's): a
    dict {name: NDArray} (a .params file's names are 'arg:<name>' and 'aux:<name>') or, for a
    file saved from a list, a list of NDArrays. The .npz files of earlier tinynet versions are
    read as well."""
    ctx = resolve_context(ctx)
    if is_mxnet_file(fname):
        names, arrays = read_mxnet_arrays(fname, 'nd.load')
        arrays = [NDArray(to_device(a, ctx.xp), ctx) for a in arrays]
        return arrays if names is None else dict(zip(names, arrays))
    arrays = load_arrays(fname, 'nd.load', 'NDArray')
    kinds = {key.partition(':')[0] for key in arrays}
    if kinds == {'index'}:          # an earlier tinynet's nd.save of a list
        return [NDArray(to_device(arrays[k], ctx.xp), ctx) for k in sorted(arrays)]
    if kinds == {'key'}:            # an earlier tinynet's nd.save of a dict
        arrays = {k.partition(':')[2]: v for k, v in arrays.items()}
    return {k: NDArray(to_device(v, ctx.xp), ctx) for k, v in arrays.items()}


