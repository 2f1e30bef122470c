"""Checkpoints: `prefix-symbol.json` (the graph) and `prefix-%04d.params` (the parameters).

The params file is a NumPy .npz archive with keys `arg:<name>` and `aux:<name>` (MXNet's naming),
read with allow_pickle=False: loading a model never runs code from the file. Files are written to a
temporary name beside the target and renamed into place, so an interrupted save never leaves a
half-written checkpoint behind.
"""
import contextlib
import os
import tempfile
import zipfile

import numpy as np

from .backend import to_numpy


@contextlib.contextmanager
def atomic_write(path, mode='wb'):
    """Open a temporary file beside `path`; on success it replaces `path`, on error it is removed."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix='.' + os.path.basename(path) + '.', suffix='.tmp')
    try:
        with os.fdopen(fd, mode) as f:
            yield f
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(tmp)
        raise


def save_params(fname, arg_params, aux_params=None):
    arrays = {'arg:%s' % k: to_numpy(v) for k, v in arg_params.items()}
    arrays.update({'aux:%s' % k: to_numpy(v) for k, v in (aux_params or {}).items()})
    with atomic_write(fname) as f:
        np.savez(f, **arrays)


def load_params(fname):
    """(arg_params, aux_params), dicts of NumPy arrays."""
    try:
        with np.load(fname, allow_pickle=False) as archive:
            items = {key: archive[key] for key in archive.files}
    except FileNotFoundError:
        raise
    except (ValueError, OSError, zipfile.BadZipFile, EOFError) as err:
        raise ValueError('load_params: %s is not a tinynet params file (%s)' % (fname, err)) from None
    arg_params, aux_params = {}, {}
    for key, value in items.items():
        kind, _, name = key.partition(':')
        if kind == 'arg':
            arg_params[name] = value
        elif kind == 'aux':
            aux_params[name] = value
        else:
            raise ValueError("load_params: %s has an entry %r that is not 'arg:' or 'aux:'"
                             % (fname, key))
    return arg_params, aux_params


def save_checkpoint(prefix, epoch, symbol, arg_params, aux_params=None, remove_amp_cast=True):
    symbol.save('%s-symbol.json' % prefix)
    save_params('%s-%04d.params' % (prefix, epoch), arg_params, aux_params)


def load_checkpoint(prefix, epoch):
    """(symbol, arg_params, aux_params) as saved by save_checkpoint."""
    from .symbol import load
    symbol = load('%s-symbol.json' % prefix)
    arg_params, aux_params = load_params('%s-%04d.params' % (prefix, epoch))
    return symbol, arg_params, aux_params
