"""Files, written whole or not at all, and arrays stored without pickle (and MXNet's own files read).

Everything tinynet saves (symbol JSON, parameters, optimizer states, `mx.nd.save`) goes through
`atomic_write`: the file is written under a temporary name beside its target and renamed into place
only when complete, so a crash, a full disk or Ctrl-C never leaves a half-written file behind, and
the file the name pointed to before is untouched until the new one is whole. Arrays are stored as a
NumPy .npz archive and read with allow_pickle=False: loading a file never runs code from it.
"""
import contextlib
import errno
import os
import struct
import tempfile
import time
import zipfile

import numpy as np


@contextlib.contextmanager
def atomic_write(path, mode='wb'):
    """Open a temporary file beside `path`; on success it replaces `path`, on error it is removed.
    The new file gets the permissions an ordinary `open` would give it (0666 less the umask)."""
    folder = os.path.dirname(os.path.abspath(path))
    prefix = '.' + os.path.basename(path) + '.'
    remove_stale_temporaries(folder, prefix)
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=prefix, suffix='.tmp')
    except OSError as err:             # name the file the caller asked for, not the temporary
        raise type(err)(err.errno, '%s (writing %s)' % (err.strerror, path), path) from err
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)      # mkstemp makes 0600; a saved model should not be private
        with os.fdopen(fd, mode) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())           # on disk before the rename makes it visible
        os.replace(tmp, path)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.remove(tmp)
        if isinstance(err, OSError) and err.errno is not None:
            # name the file the caller asked for, not our temporary one
            raise type(err)(err.errno, '%s (writing %s)' % (err.strerror, path), path) from err
        raise


STALE_SECONDS = 60      # a temporary file this old belongs to a save that died (killed, power cut)


def remove_stale_temporaries(folder, prefix):
    """Remove temporary files a killed save of the same file left behind (they can be hundreds
    of MB); one still being written by a live save is younger than STALE_SECONDS and is kept."""
    now = time.time()
    with contextlib.suppress(OSError):
        for name in os.listdir(folder):
            if name.startswith(prefix) and name.endswith('.tmp'):
                path = os.path.join(folder, name)
                with contextlib.suppress(OSError):
                    if now - os.path.getmtime(path) > STALE_SECONDS:
                        os.remove(path)


def save_arrays(fname, arrays):
    """Write a dict {key: NumPy array} as an .npz archive, atomically."""
    with atomic_write(fname) as f:
        np.savez(f, **arrays)


def load_arrays(fname, what='load', kind='array'):
    """The dict {key: NumPy array} of an .npz archive written by save_arrays, or of a file MXNet
    wrote (its .params files, mx.nd.save): by name, or 'index:00000000', ... when it has none. A
    file that is neither raises ValueError naming the file; `what` names the caller and `kind`
    the file's kind."""
    if is_mxnet_file(fname):
        names, arrays = read_mxnet_arrays(fname, what)
        keys = names if names is not None else ['index:%08d' % i for i in range(len(arrays))]
        return dict(zip(keys, arrays))
    try:
        with np.load(fname, allow_pickle=False) as archive:
            if not hasattr(archive, 'files'):
                raise ValueError('a single array, not an archive of named arrays')
            return {key: archive[key] for key in archive.files}
    except FileNotFoundError:
        raise FileNotFoundError(errno.ENOENT, '%s: no such file' % what, fname) from None
    except (ValueError, OSError, zipfile.BadZipFile, EOFError, KeyError) as err:
        raise ValueError('%s: %s is not a tinynet %s file (%s)' % (what, fname, kind, err)) from None


# ----- MXNet's NDArray files (mx.nd.save, Module and Gluon .params) -----

MXNET_LIST_MAGIC = 0x112
MXNET_ARRAY_MAGICS = (0xF993FAC9, 0xF993FACA)      # NDArray V2 (MXNet 1.x), V3 (NumPy shapes)
MXNET_DTYPES = {0: np.float32, 1: np.float64, 2: np.float16, 3: np.uint8, 4: np.int32,
                5: np.int8, 6: np.int64, 7: np.bool_}


def is_mxnet_file(fname):
    """Whether `fname` starts as MXNet's NDArray list files do (a little-endian uint64 0x112)."""
    try:
        with open(fname, 'rb') as f:
            head = f.read(8)
    except OSError:
        return False
    return len(head) == 8 and struct.unpack('<Q', head)[0] == MXNET_LIST_MAGIC


def read_mxnet_arrays(fname, what='load'):
    """(names or None, [NumPy arrays]) of a file MXNet 1.x wrote with mx.nd.save, which is also
    what its Module and Gluon .params files are. The layout, little-endian throughout:

        uint64 0x112, uint64 0, uint64 n, then n arrays, then uint64 m and m names (m is 0 or n),
            a name: uint64 length, then its bytes (UTF-8)
        an array: uint32 0xF993FAC9 (V2) or 0xF993FACA (V3), int32 storage type (0: dense),
            int32 ndim, int64 dims[ndim], and when ndim > 0: int32 device type, int32 device id,
            int32 dtype (0 float32, 1 float64, 2 float16, 3 uint8, 4 int32, 5 int8, 6 int64,
            7 bool), then the values, row-major

    Every field is read with struct or np.frombuffer: nothing in the file is ever executed."""
    with open(fname, 'rb') as f:
        data = f.read()
    at = 0

    def fail(why):
        raise ValueError('%s: %s is not an MXNet NDArray file tinynet can read: %s'
                         % (what, fname, why))

    def take(fmt):
        nonlocal at
        size = struct.calcsize(fmt)
        if at + size > len(data):
            fail('it ends at byte %d, inside a field' % len(data))
        values = struct.unpack_from(fmt, data, at)
        at += size
        return values

    magic, _, count = take('<QQQ')
    if magic != MXNET_LIST_MAGIC:
        fail('it starts with %#x, not MXNet\'s %#x' % (magic, MXNET_LIST_MAGIC))
    if count * 12 > len(data):          # every array's header alone takes 12 bytes
        fail('its header field "number of arrays" says %d, more than %d bytes can hold'
             % (count, len(data)))
    arrays = []
    for i in range(count):
        array_magic, storage, ndim = take('<Iii')
        if array_magic not in MXNET_ARRAY_MAGICS:
            fail('array %d has magic %#x (tinynet reads the V2 and V3 formats of MXNet 1.x)'
                 % (i, array_magic))
        if storage != 0:
            fail('array %d is sparse (storage type %d); tinynet reads dense arrays only'
                 % (i, storage))
        if ndim <= 0:
            arrays.append(np.zeros((0,), np.float32))       # MXNet's "none" array: no values
            continue
        if ndim > 32:                   # MXNet's own limit on the number of axes
            fail('array %d: its field "ndim" says %d axes (MXNet allows at most 32)' % (i, ndim))
        shape = take('<%dq' % ndim)
        if any(n < 0 for n in shape):
            fail('array %d: its field "shape" %s has a negative dimension' % (i, shape))
        _, _, flag = take('<iii')
        if flag not in MXNET_DTYPES:
            fail('array %d has dtype code %d, which tinynet does not know' % (i, flag))
        dtype, size = np.dtype(MXNET_DTYPES[flag]).newbyteorder('<'), 1
        for n in shape:                 # Python ints: a product never wraps around
            size *= n
        if at + size * dtype.itemsize > len(data):
            fail('it ends inside array %d (%s, shape %s): its values need %d bytes, only %d '
                 'are left' % (i, dtype.name, tuple(shape), size * dtype.itemsize, len(data) - at))
        arrays.append(np.frombuffer(data, dtype, size, at).reshape(shape)
                      .astype(dtype.newbyteorder('=')))        # a native-order copy
        at += size * dtype.itemsize
    num_names, = take('<Q')
    if num_names not in (0, count):
        fail('it has %d arrays but %d names' % (count, num_names))
    names = []
    for i in range(num_names):
        length, = take('<Q')
        if at + length > len(data):
            fail('name %d says it is %d bytes long, but only %d are left'
                 % (i, length, len(data) - at))
        try:
            name = data[at:at + length].decode('utf-8')
        except UnicodeDecodeError:
            fail('name %d is not UTF-8 text' % i)
        if name in names:
            fail('the name %r is there twice (one of the two arrays would be lost)' % name)
        names.append(name)
        at += length
    return (names if num_names else None), arrays
