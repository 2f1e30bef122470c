"""Files, written whole or not at all, and arrays stored without pickle.

Everything tinynet saves (symbol JSON, parameters, optimizer states, `mx.nd.save`) goes through
`atomic_write`: the file is written under a temporary name beside its target and renamed into place
only when complete, so a crash, a full disk or Ctrl-C never leaves a half-written file behind, and
the file the name pointed to before is untouched until the new one is whole. Arrays are stored as a
NumPy .npz archive and read with allow_pickle=False: loading a file never runs code from it.
"""
import contextlib
import errno
import os
import tempfile
import zipfile

import numpy as np


@contextlib.contextmanager
def atomic_write(path, mode='wb'):
    """Open a temporary file beside `path`; on success it replaces `path`, on error it is removed.
    The new file gets the permissions an ordinary `open` would give it (0666 less the umask)."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix='.' + os.path.basename(path) + '.', suffix='.tmp')
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


def save_arrays(fname, arrays):
    """Write a dict {key: NumPy array} as an .npz archive, atomically."""
    with atomic_write(fname) as f:
        np.savez(f, **arrays)


def load_arrays(fname, what='load', kind='array'):
    """The dict {key: NumPy array} of an .npz archive written by save_arrays. A file that is not
    one raises ValueError naming the file; `what` names the caller and `kind` the file's kind."""
    try:
        with np.load(fname, allow_pickle=False) as archive:
            if not hasattr(archive, 'files'):
                raise ValueError('a single array, not an archive of named arrays')
            return {key: archive[key] for key in archive.files}
    except FileNotFoundError:
        raise FileNotFoundError(errno.ENOENT, '%s: no such file' % what, fname) from None
    except (ValueError, OSError, zipfile.BadZipFile, EOFError, KeyError) as err:
        raise ValueError('%s: %s is not a tinynet %s file (%s)' % (what, fname, kind, err)) from None
