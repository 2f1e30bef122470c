"""Files, written whole or not at all, and arrays stored in MXNet's own NDArray file format.

Everything tinynet saves (symbol JSON, parameters, optimizer states, `mx.nd.save`) goes through
`atomic_write`: the file is written under a temporary name beside its target and renamed into place
only when complete, so a crash, a full disk or Ctrl-C never leaves a half-written file behind, and
the file the name pointed to before is untouched until the new one is whole. Arrays are stored in
MXNet's binary format (so MXNet 1.9.1 loads a network trained in tinynet, and tinynet MXNet's),
read field by field with struct; the .npz archives earlier tinynet versions wrote are still read,
with allow_pickle=False. Loading a file never runs code from it.
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
        chmod_as_open_would(tmp)           # mkstemp makes 0600; a saved model should not be private
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


def chmod_as_open_would(path):
    """Give a file made by mkstemp (0600) the permissions `open` would have given it: 0666 less
    the umask (0644 under the usual umask 022)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


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


def save_arrays(fname, arrays, what='save'):
    """Write `arrays` ({name: array}, or a list: a file without names) in MXNet's NDArray file
    format (write_mxnet_arrays), atomically: MXNet 1.9.1's mx.nd.load, Module.load and
    SymbolBlock.imports read what tinynet saves, and tinynet reads what MXNet saves."""
    if isinstance(arrays, dict):
        names, arrays = list(arrays), [np.asarray(a) for a in arrays.values()]
    else:
        names, arrays = None, [np.asarray(a) for a in arrays]
    for i, array in enumerate(arrays):
        if array.dtype.type not in MXNET_CODES:
            raise TypeError('%s: %s is %s, which MXNet\'s file format cannot hold (it holds %s)'
                            % (what, repr(names[i]) if names else 'array %d' % i, array.dtype,
                               ', '.join(np.dtype(t).name for t in MXNET_CODES)))
    with atomic_write(fname) as f:
        write_mxnet_arrays(f, names, arrays)


NPY_MAGIC = b'\x93NUMPY'
ZIP_MAGIC = b'PK\x03\x04'     # what an .npz archive (a zip file) starts with


def load_arrays(fname, what='load', kind='array'):
    """The dict {key: NumPy array} of a file save_arrays wrote, of a file MXNet wrote (its .params
    files, mx.nd.save: keys 'index:00000000', ... when it has no names), or of the .npz archives
    that tinynet wrote before it wrote MXNet's format. Anything else raises ValueError naming the
    file and saying what it is; `what` names the caller and `kind` the file's kind."""
    if is_mxnet_file(fname):
        names, arrays = read_mxnet_arrays(fname, what)
        keys = names if names is not None else ['index:%08d' % i for i in range(len(arrays))]
        return dict(zip(keys, arrays))
    return load_npz(fname, what, kind)


def load_npz(fname, what, kind):
    """{key: array} of an .npz archive (what tinynet wrote before it wrote MXNet's format), read without
    pickle; entries that are not numbers (strings, complex, Python objects) are refused by name."""
    try:
        with open(fname, 'rb') as f:
            head = f.read(len(NPY_MAGIC))
    except FileNotFoundError:
        raise FileNotFoundError(errno.ENOENT, '%s: no such file' % what, fname) from None
    if head == NPY_MAGIC:
        raise ValueError('%s: %s is a single NumPy array (.npy), not a tinynet %s file of named '
                         'arrays' % (what, fname, kind))
    if not head.startswith(ZIP_MAGIC):
        raise ValueError('%s: %s is not a tinynet %s file: it is %s, neither MXNet\'s NDArray '
                         'format nor an .npz archive' % (what, fname, kind, 'empty' if not head
                                                         else 'a file starting %r' % head))
    try:
        with np.load(fname, allow_pickle=False) as archive:
            arrays = {}
            for key in archive.files:
                try:
                    arrays[key] = archive[key]
                except ValueError:         # allow_pickle=False refused an object array
                    raise ValueError('entry %r holds Python objects, which tinynet never loads'
                                     % key) from None
    except (ValueError, OSError, zipfile.BadZipFile, EOFError, KeyError, TypeError) as err:
        raise ValueError('%s: %s is not a tinynet %s file (%s)' % (what, fname, kind, err)) from None
    for key, array in arrays.items():
        if not (np.issubdtype(array.dtype, np.floating) or np.issubdtype(array.dtype, np.integer)
                or array.dtype == np.bool_):
            raise ValueError('%s: %s: entry %r holds %s values; a %s file holds real numbers'
                             % (what, fname, key, array.dtype, kind))
    return arrays


def check_fits(fname, name, value, dtype, what='load'):
    """Refuse `value` (a NumPy array read from `fname` for the parameter `name`) when casting it to
    the parameter's float `dtype` would turn finite values into inf (float64 values past float32's
    range): a silent inf in a weight is a NaN a few steps later."""
    dtype = np.dtype(dtype)
    if value.dtype == dtype or value.size == 0:
        return
    if np.issubdtype(dtype, np.floating) and np.issubdtype(value.dtype, np.floating):
        finite = value[np.isfinite(value)]
        if finite.size and np.abs(finite).max() > np.finfo(dtype).max:
            raise ValueError('%s: %r in %s has values up to %g, beyond %s\'s range (they would '
                             'load as inf)' % (what, name, fname, np.abs(finite).max(), dtype.name))


# ----- MXNet's NDArray files (mx.nd.save, Module and Gluon .params) -----

MXNET_LIST_MAGIC = 0x112
MXNET_ARRAY_MAGICS = (0xF993FAC9, 0xF993FACA)      # NDArray V2 (MXNet 1.x), V3 (NumPy shapes)
MXNET_DTYPES = {0: np.float32, 1: np.float64, 2: np.float16, 3: np.uint8, 4: np.int32,
                5: np.int8, 6: np.int64, 7: np.bool_}
MXNET_CODES = {t: code for code, t in MXNET_DTYPES.items()}
MXNET_CPU = (1, 0)          # (device type, device id) of cpu(0), what a saved array's context says


def write_mxnet_arrays(f, names, arrays):
    """Write NumPy arrays to the open binary file `f` in the layout read_mxnet_arrays reads (see
    there), as MXNet's mx.nd.save does: version V2 of the array header, or V3 for every array
    when one of them is 0-d (MXNet 1.x's V2 has no 0-d arrays: ndim 0 means "no array"; MXNet
    reads V3 files inside `with mx.np_shape(True)` or after npx.set_np())."""
    magic = MXNET_ARRAY_MAGICS[1 if any(a.ndim == 0 for a in arrays) else 0]
    f.write(struct.pack('<QQQ', MXNET_LIST_MAGIC, 0, len(arrays)))
    for array in arrays:
        f.write(struct.pack('<Iii', magic, 0, array.ndim))
        f.write(struct.pack('<%dq' % array.ndim, *array.shape))
        f.write(struct.pack('<iii', *MXNET_CPU, MXNET_CODES[array.dtype.type]))
        f.write(np.ascontiguousarray(array, array.dtype.newbyteorder('<')).tobytes())
    names = names or []
    f.write(struct.pack('<Q', len(names)))
    for name in names:
        encoded = name.encode('utf-8')
        f.write(struct.pack('<Q', len(encoded)) + encoded)


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
            int32 ndim, int64 dims[ndim], and unless it is "no array" (ndim 0 in V2, -1 in V3,
            where ndim 0 is a single number): int32 device type, int32 device id,
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
        if ndim < 0 or (ndim == 0 and array_magic == MXNET_ARRAY_MAGICS[0]):
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
