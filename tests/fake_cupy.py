"""A strict CPU stand-in for CuPy, for tests only: tinynet's GPU path runs on every CI machine.

tests/conftest.py puts it where tinynet's backend keeps cupy when $TINYNET_FAKE_CUPY is set (CI
sets it; nothing in tinynet itself can reach this file), and then mx.gpu(0) and mx.gpu(1) compute
here, in NumPy, under CuPy's rules:

  - its array type is not numpy.ndarray and refuses implicit conversion as CuPy does:
    np.asarray(a), NumPy functions applied to it, and mixing it with a NumPy array in one op raise
    TypeError; `.get()`, `cupy.asnumpy(a)` and `cupy.asarray(host)` are the explicit ways over;
  - it has only the names the installed cupy package has (read from it: the `gpu` extra's
    cupy-cuda12x imports without a GPU), each backed by NumPy's function of that name, so a call
    CuPy lacks fails here as it would on a GPU;
  - arrays live on a device, gpu(0) or gpu(1): an op runs on the current device
    (cupy.cuda.Device(i).use() or `with cupy.cuda.Device(i):`) and refuses arrays of another,
    as CUDA without peer access does.

What it proves: host/device discipline, CuPy API coverage, the multi-device logic. What it cannot:
CUDA's own numerics (cuBLAS, atomics' summation order) and speed; benchmarks/gpu_check.sh on a
real GPU does.
"""
import builtins as _py   # the module's globals become CuPy's names (bool, any, ...)
import contextlib
import numbers
import sys
import types

import numpy as np

import cupy as _real   # only its names are read: no device memory is ever touched

DEVICE_COUNT = 2
_current = [0]          # the current device, as CUDA keeps it per thread (one thread here)


def _refuse(what):
    raise TypeError('Implicit conversion to a NumPy array is not allowed (%s). Please use `.get()` '
                    'to construct a NumPy array explicitly.' % what)


class _Device:
    """cupy.cuda.Device: `.use()` makes it current; `with Device(i):` for a block."""

    def __init__(self, device=None):
        self.id = _current[0] if device is None else _py.int(device)
        if not 0 <= self.id < DEVICE_COUNT:
            raise RuntimeError('cudaErrorInvalidDevice: invalid device ordinal %d' % self.id)
        self._previous = []

    def use(self):
        _current[0] = self.id

    def synchronize(self):
        """Nothing to wait for: the stand-in computes at once."""

    def __enter__(self):
        self._previous.append(_current[0])
        self.use()
        return self

    def __exit__(self, *exc):
        _current[0] = self._previous.pop()

    def __eq__(self, other):
        return isinstance(other, _Device) and other.id == self.id

    def __hash__(self):
        return self.id

    def __repr__(self):
        return '<CUDA Device %d>' % self.id


class ndarray:
    """A device array: NumPy data that only explicit calls bring back to the host."""
    __array_priority__ = 1000

    def __init__(self, data, device=None):
        self._data = data if isinstance(data, np.ndarray) else np.asarray(data)
        self._device = _current[0] if device is None else device

    # ----- what CuPy refuses -----
    def __array__(self, dtype=None, copy=None):
        _refuse('np.asarray or a NumPy function on a cupy.ndarray')

    def __array_function__(self, func, types, args, kwargs):
        """numpy.f(device array) runs cupy.f, as CuPy's NEP 18 support does; a function CuPy
        lacks is refused."""
        ours = globals().get(func.__name__)
        if ours is None or not callable(ours):
            _refuse('numpy.%s, which CuPy lacks, on a cupy.ndarray' % func.__name__)
        return ours(*args, **kwargs)

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        """numpy.ufunc(device array) runs CuPy's ufunc (NEP 13), but never with a NumPy array
        among the inputs: that would need an implicit host-to-device copy."""
        ours = globals().get(ufunc.__name__)
        if ours is None:
            _refuse('numpy.%s, which CuPy lacks, on a cupy.ndarray' % ufunc.__name__)
        return getattr(ours, method)(*inputs, **kwargs) if method != '__call__' else \
            ours(*inputs, **kwargs)

    def tolist(self):
        return self._data.tolist()

    def get(self, stream=None, order='C', out=None):
        """The values on the host, a NumPy copy (CuPy's explicit way back)."""
        return self._data.copy()

    # ----- what it is -----
    @property
    def device(self):
        return _Device(self._device)

    @property
    def __cuda_array_interface__(self):
        return {'shape': self.shape, 'typestr': self.dtype.str, 'version': 3,
                'data': (self._data.ctypes.data, False)}

    shape = property(lambda self: self._data.shape)
    dtype = property(lambda self: self._data.dtype)
    ndim = property(lambda self: self._data.ndim)
    size = property(lambda self: self._data.size)
    strides = property(lambda self: self._data.strides)
    itemsize = property(lambda self: self._data.itemsize)
    nbytes = property(lambda self: self._data.nbytes)
    flags = property(lambda self: self._data.flags)
    T = property(lambda self: ndarray(self._data.T, self._device))

    def __len__(self):
        return len(self._data)

    def __iter__(self):
        return (self[i] for i in _py.range(len(self)))

    def __repr__(self):
        return 'fake_cupy.ndarray(%s, device=%d)' % (np.array2string(self._data), self._device)

    def __float__(self):
        return _py.float(self._scalar('float'))

    def __int__(self):
        return _py.int(self._scalar('int'))

    def __bool__(self):
        return _py.bool(self._scalar('bool'))

    def __index__(self):
        return _py.int(self._scalar('an index'))

    def _scalar(self, what):
        if self._data.size != 1:
            raise TypeError('only size-1 arrays can be converted to %s, got shape %s'
                            % (what, self.shape))
        return self._data.reshape(-1)[0]

    def item(self):
        return self._scalar('a Python scalar').item()

    # ----- indexing -----
    def __getitem__(self, key):
        return _call(np.ndarray.__getitem__, (self, _key(key)), {}, 'indexing')

    def __setitem__(self, key, value):
        if isinstance(value, np.ndarray) and value.ndim > 0:
            if not (isinstance(key, slice) and key == slice(None)):
                _refuse('assigning a NumPy array into part of a cupy.ndarray')
            _check_devices('assignment', (self,))      # x[:] = host: CuPy's one host copy in
            self._data[:] = value
            return
        _check_devices('assignment', (self, value, key))
        self._data[_unwrap(_key(key))] = _unwrap(value)


def _key(key):
    """An index as CuPy takes it: ints, slices, None, Ellipsis, device arrays (a NumPy index
    array is refused: it would need a host-to-device copy)."""
    parts = key if isinstance(key, tuple) else (key,)
    for part in parts:
        if isinstance(part, np.ndarray) and part.ndim > 0:
            _refuse('indexing a cupy.ndarray with a NumPy array')
    return key


def _check_devices(what, values):
    """Every device array among `values` (nested in tuples and lists) lives on the current device."""
    for v in values:
        if isinstance(v, (tuple, list)):
            _check_devices(what, v)
        elif isinstance(v, ndarray) and v._device != _current[0]:
            raise ValueError('%s: the array lives on device %d, but the current device is %d '
                             '(peer access is unavailable); use cupy.cuda.Device(%d)'
                             % (what, v._device, _current[0], v._device))
        elif isinstance(v, np.ndarray) and v.ndim > 0:
            raise TypeError('%s: a NumPy array and a cupy.ndarray in one operation; move it to '
                            'the device with cupy.asarray first' % what)


def _unwrap(v):
    if isinstance(v, ndarray):
        return v._data
    if isinstance(v, (tuple, list)):
        return type(v)(_unwrap(x) for x in v)
    return v


def _wrap(v):
    if isinstance(v, np.ndarray):
        return ndarray(v)
    if isinstance(v, np.generic):                 # CuPy gives 0-d arrays where NumPy scalars
        return ndarray(np.asarray(v))
    if isinstance(v, tuple):
        return tuple(_wrap(x) for x in v)
    if isinstance(v, list):
        return [_wrap(x) for x in v]
    return v


def _call(function, args, kwargs, what):
    _check_devices(what, list(args) + list(kwargs.values()))
    out = kwargs.get('out')
    result = function(*_unwrap(args), **{k: _unwrap(v) for k, v in kwargs.items()})
    return out if out is not None and isinstance(out, ndarray) else _wrap(result)


def _method(name):
    numpy_method = getattr(np.ndarray, name)

    def method(self, *args, **kwargs):
        return _call(numpy_method, (self,) + args, kwargs, 'ndarray.%s' % name)
    method.__name__ = name
    return method


def _operator(name):
    numpy_method = getattr(np.ndarray, name)

    def operator(self, other):
        if isinstance(other, np.ndarray) and other.ndim > 0:
            _refuse('%s between a cupy.ndarray and a NumPy array' % name)
        if not isinstance(other, (ndarray, numbers.Number, np.generic, np.ndarray)):
            return NotImplemented
        result = _call(numpy_method, (self, other), {}, name)
        if name.startswith('__i'):                  # in place: the same array back
            return self
        return result
    operator.__name__ = name
    return operator


_OPERATORS = [n for n in dir(np.ndarray) if n.startswith('__') and n in dir(_real.ndarray) and n[2:-2]
              in ('add', 'radd', 'sub', 'rsub', 'mul', 'rmul', 'truediv', 'rtruediv', 'floordiv',
                  'rfloordiv', 'mod', 'rmod', 'pow', 'rpow', 'matmul', 'rmatmul', 'and', 'rand',
                  'or', 'ror', 'xor', 'rxor', 'lt', 'le', 'gt', 'ge', 'eq', 'ne', 'iadd', 'isub',
                  'imul', 'itruediv', 'ifloordiv', 'imod', 'ipow', 'iand', 'ior', 'ixor')]
for _name in _OPERATORS:
    setattr(ndarray, _name, _operator(_name))
ndarray.__hash__ = None
for _name in ('__neg__', '__pos__', '__abs__', '__invert__'):
    setattr(ndarray, _name, _method(_name))
for _name in dir(_real.ndarray):
    if not _name.startswith('_') and not hasattr(ndarray, _name) and hasattr(np.ndarray, _name) \
            and callable(getattr(np.ndarray, _name)):
        setattr(ndarray, _name, _method(_name))


# ----- the module's functions: CuPy's names, NumPy's work -----

class _Ufunc:
    """A ufunc with the methods CuPy's ufuncs have (add.at, maximum.reduce, ...)."""

    def __init__(self, numpy_ufunc, real):
        self._ufunc, self.__name__ = numpy_ufunc, numpy_ufunc.__name__
        for method in ('at', 'reduce', 'accumulate', 'outer', 'reduceat'):
            if hasattr(real, method):
                setattr(self, method, self._method(method))
        self.nin, self.nout, self.nargs = numpy_ufunc.nin, numpy_ufunc.nout, numpy_ufunc.nargs

    def _method(self, method):
        bound = getattr(self._ufunc, method)
        return lambda *args, **kwargs: _call(bound, args, kwargs, '%s.%s' % (self.__name__, method))

    def __call__(self, *args, **kwargs):
        return _call(self._ufunc, args, kwargs, self.__name__)


def _function(name, numpy_function):
    def function(*args, **kwargs):
        return _call(numpy_function, args, kwargs, name)
    function.__name__ = name
    return function


def asarray(a, dtype=None, order=None, **kwargs):
    """A device array on the current device: from host data (the explicit host-to-device copy),
    or a device array of another device (a device-to-device copy)."""
    if isinstance(a, ndarray):
        if a._device == _current[0] and (dtype is None or np.dtype(dtype) == a.dtype):
            return a
        return ndarray(a._data.astype(dtype or a.dtype, copy=True))
    return ndarray(np.array(a, dtype=dtype, copy=True))


def array(obj, dtype=None, copy=True, order='K', subok=False, ndmin=0, **kwargs):
    data = obj._data if isinstance(obj, ndarray) else obj
    return ndarray(np.array(data, dtype=dtype, copy=True, ndmin=ndmin))


def asnumpy(a, stream=None, order='C', out=None, blocking=True):
    """The explicit device-to-host copy."""
    return a.get() if isinstance(a, ndarray) else np.asarray(a)


def get_array_module(*args):
    return sys.modules[__name__] if _py.any(isinstance(a, ndarray) for a in args) else np


def ascontiguousarray(a, dtype=None):
    return _call(np.ascontiguousarray, (a,), {} if dtype is None else {'dtype': dtype},
                 'ascontiguousarray')


_OWN = {'ndarray', 'asarray', 'array', 'asnumpy', 'get_array_module', 'ascontiguousarray'}
for _name in dir(_real):
    if _name.startswith('_') or _name in _OWN:
        continue
    _real_value = getattr(_real, _name)
    _numpy_value = getattr(np, _name, None)
    if _numpy_value is None or isinstance(_real_value, types.ModuleType):
        continue               # CuPy-only (kernels, fuse, ...) and submodules: not reached here
    if _real_value is _numpy_value or not callable(_numpy_value) or isinstance(_numpy_value, type):
        globals()[_name] = _numpy_value                  # dtypes, constants: NumPy's own objects
    elif isinstance(_numpy_value, np.ufunc):
        globals()[_name] = _Ufunc(_numpy_value, _real_value)
    else:
        globals()[_name] = _function(_name, _numpy_value)


# ----- the submodules tinynet reaches: cuda (devices, memory pool), lib.stride_tricks -----

def _as_strided(x, shape=None, strides=None):
    return _call(np.lib.stride_tricks.as_strided, (x,), {'shape': shape, 'strides': strides},
                 'as_strided')


class _MemoryPool:
    def used_bytes(self):
        return 0

    def total_bytes(self):
        return 0

    def free_all_blocks(self):
        pass


_pool = _MemoryPool()
get_default_memory_pool = lambda: _pool                              # noqa: E731
get_default_pinned_memory_pool = lambda: _pool                       # noqa: E731
cuda = types.SimpleNamespace(
    Device=_Device,
    runtime=types.SimpleNamespace(getDeviceCount=lambda: DEVICE_COUNT),
    get_device_id=lambda: _current[0],
    is_available=lambda: True,
)
lib = types.SimpleNamespace(stride_tricks=types.SimpleNamespace(as_strided=_as_strided))


@contextlib.contextmanager
def device(i):
    with _Device(i):
        yield
