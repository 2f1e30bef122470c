"""Where tinynet chooses NumPy or CuPy: the one module that imports cupy.

A `Context` names a device the way MXNet does (`cpu(0)`, `gpu(0)`); its `xp` is the array module that
computes there. Every other file receives `xp` from here (the executor hands it to the ops), so the
ops are written once, for both modules, and never branch on which one they got.
"""
import ctypes
import os
import platform

import numpy as np

_cupy = None          # the imported cupy module, once something has asked for it
_cupy_error = None    # why it could not be imported, to say so in one clear error


def _import_cupy():
    """Import cupy on first use only: CPU users never pay for it, or need it installed."""
    global _cupy, _cupy_error
    if _cupy is None and _cupy_error is None:
        try:
            import cupy
            _cupy = cupy
        except Exception as err:  # ImportError, or a broken CUDA install raising at import
            _cupy_error = err
    return _cupy


def list_gpus():
    """The visible CUDA device ids, or [] when CuPy is missing or sees no device. Never raises."""
    cupy = _import_cupy()
    if cupy is None:
        return []
    try:
        return list(range(cupy.cuda.runtime.getDeviceCount()))
    except Exception:
        return []


class Context:
    """A device: `Context('cpu', 0)` or `Context('gpu', 1)`. Its `xp` is numpy or cupy."""

    def __init__(self, device_type='cpu', device_id=0):
        if isinstance(device_type, Context):
            device_type, device_id = device_type.device_type, device_type.device_id
        if device_type not in ('cpu', 'gpu'):
            raise ValueError("Context: device_type must be 'cpu' or 'gpu', got %r" % (device_type,))
        self.device_type = device_type
        self.device_id = int(device_id)

    @property
    def xp(self):
        """The array module for this device: numpy, or cupy once it is known to see this GPU.
        (Reading it changes nothing; `activate()` makes a GPU the current device.)"""
        if self.device_type == 'cpu':
            return np
        cupy = _import_cupy()
        if cupy is None:
            raise RuntimeError(
                "%r was asked for, but CuPy could not be imported (%s). To train on a GPU, install "
                "CuPy for your CUDA version: pip install -e \".[gpu]\" in tinynet's checkout (CuPy "
                "for CUDA 12: cupy-cuda12x; for CUDA 13: cupy-cuda13x); "
                "otherwise use mx.cpu()." % (self, _cupy_error))
        gpus = list_gpus()
        if self.device_id not in gpus:
            raise RuntimeError("%r was asked for, but CuPy sees %s. Use mx.cpu(), or one of "
                               "mx.gpu(i) for i in %s." % (self, 'no GPU' if not gpus else
                                                           '%d GPU(s)' % len(gpus), gpus))
        return cupy

    def activate(self):
        """Make this device the current one: CuPy allocates and computes on the current CUDA
        device, so whatever runs on GPU 1 must first make GPU 1 current (this is process-wide, as
        `cupy.cuda.Device(1).use()` is). Nothing to do for the CPU. The executor calls it when it
        binds, and before each forward and backward."""
        if self.device_type == 'gpu':
            self.xp.cuda.Device(self.device_id).use()

    def __repr__(self):
        return '%s(%d)' % (self.device_type, self.device_id)

    def __eq__(self, other):
        return (isinstance(other, Context) and other.device_type == self.device_type
                and other.device_id == self.device_id)

    def __hash__(self):
        return hash((self.device_type, self.device_id))


_host_memory_kept = None   # keep_freed_host_memory()'s answer, once it has run


def keep_freed_host_memory():
    """Ask the C library's malloc to keep freed memory for reuse instead of giving it back to the OS.
    Returns whether it did. The executor calls this when it is bound to the CPU.

    Why it is fast: a LeNet training step makes tens of MB of short-lived arrays (conv2's im2col
    matrix alone is 12.8 MB). By default glibc maps large blocks (over 128 KB, at first) straight
    from the OS and trims its heap once enough is free, so each step gets the same memory from the
    OS again, a page at a time, zero-filled on first touch: hundreds to thousands of page faults a
    step (benchmarks/RESULTS.md has the measurement). With blocks up to 32 MB served from the
    heap, and up to 256 MB of free heap kept, the next step reuses what the last one freed. CuPy
    keeps a memory pool on the GPU, and MXNet a pooled storage manager, for the same reason.

    The cost: the process holds up to 256 MB of freed memory until it exits (its peak is unchanged).
    This applies to the whole process, and only on Linux with glibc; set TINYNET_KEEP_FREED_MEMORY=0
    in the environment to leave malloc as it is.
    """
    global _host_memory_kept
    if _host_memory_kept is None:
        _host_memory_kept = False
        if os.environ.get('TINYNET_KEEP_FREED_MEMORY', '1') != '0' and \
                platform.system() == 'Linux' and platform.libc_ver()[0] == 'glibc':
            try:
                mallopt = ctypes.CDLL('libc.so.6').mallopt
            except (OSError, AttributeError):
                return False
            M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3         # from glibc's <malloc.h>
            # the mmap threshold first: setting either one turns glibc's own adjusting of both off
            _host_memory_kept = bool(mallopt(M_MMAP_THRESHOLD, 32 << 20)
                                     and mallopt(M_TRIM_THRESHOLD, 256 << 20))
    return _host_memory_kept


def cpu(device_id=0):
    """The CPU context cpu(device_id=0): arrays there are NumPy arrays. tinynet computes with one CPU
    device; cpu(1), cpu(2), ... are further contexts on it, for data parallelism as MXNet's."""
    return Context('cpu', device_id)


def gpu(device_id=0):
    """The GPU context gpu(device_id=0): arrays there are CuPy arrays (pip install -e ".[gpu]")."""
    return Context('gpu', device_id)


def current_context():
    """The default context of new arrays: cpu(0), or the one a `with mx.gpu():` block sets."""
    return cpu()


def get_array_module(*arrays):
    """numpy, or cupy when any of `arrays` lives on a GPU (as `cupy.get_array_module`)."""
    if _cupy is not None:
        return _cupy.get_array_module(*arrays)
    return np


def memory_size(xp):
    """Bytes of memory the arrays of module `xp` can live in: the host's physical memory for
    NumPy, the current GPU's for CuPy. What no single bind may exceed (executor.simple_bind)."""
    if xp is not np:
        try:
            return int(xp.cuda.runtime.memGetInfo()[1])
        except (AttributeError, RuntimeError):      # a stand-in without a CUDA runtime
            pass
    try:
        return os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES')
    except (ValueError, OSError, AttributeError):   # no sysconf (Windows): no check
        return float('inf')


def to_numpy(array):
    """A NumPy copy (or view) of a NumPy or CuPy array, for saving, printing and metrics on the host."""
    if _cupy is not None and isinstance(array, _cupy.ndarray):
        return _cupy.asnumpy(array)
    return np.asarray(array)


def to_device(array, xp, dtype=None):
    """`array` (NumPy or CuPy) as an array of module `xp`, on the current device for CuPy; no copy
    when it already is one there."""
    if xp is np:
        array = to_numpy(array)
    return xp.asarray(array, dtype=dtype)


def same_device(a, b):
    """Whether arrays a and b live in one place: both on the host, or both on one GPU."""
    if type(a) is not type(b):
        return False
    return isinstance(a, np.ndarray) or a.device.id == b.device.id


def copy_into(target, source, key=Ellipsis):
    """target[key] = source, wherever each lives: the one way tinynet writes values into an array
    that already exists. On a GPU it runs with the target's device current (CUDA computes on the
    current device, and one GPU cannot write another's memory without peer access), and a source
    on the host or on another device is copied there first. Returns target."""
    if isinstance(target, np.ndarray):
        target[key] = source if np.isscalar(source) else to_numpy(source)
        return target
    xp = get_array_module(target)
    with xp.cuda.Device(target.device.id):
        target[key] = source if np.isscalar(source) else xp.asarray(source)
    return target
