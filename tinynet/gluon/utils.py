"""Data parallelism helpers: split a batch across contexts, clip gradients by their global norm."""
import math

from .. import ndarray as nd


def split_data(data, num_slice, batch_axis=0, even_split=True):
    """`data` cut into `num_slice` parts along `batch_axis`; with even_split=False the first
    size % num_slice parts take one row more (MXNet 1.9.1's: 7 rows in 3 slices are 3, 2, 2)."""
    size = data.shape[batch_axis]
    if even_split and size % num_slice:
        raise ValueError('split_data: data of shape %s cannot be split evenly into %d slices along '
                         'axis %d; use a batch size that is a multiple of %d, or even_split=False'
                         % (data.shape, num_slice, batch_axis, num_slice))
    if size < num_slice:
        raise ValueError('split_data: %d rows are too few for %d slices' % (size, num_slice))
    step, extra = divmod(size, num_slice)
    bounds = [i * step + min(i, extra) for i in range(num_slice)] + [size]
    index = [slice(None)] * len(data.shape)
    slices = []
    for i in range(num_slice):
        index[batch_axis] = slice(bounds[i], bounds[i + 1])
        slices.append(data[tuple(index)])
    return slices


def split_and_load(data, ctx_list, batch_axis=0, even_split=True):
    """One slice of `data` (an NDArray or NumPy array) on each context of `ctx_list`."""
    if not isinstance(data, nd.NDArray):
        data = nd.array(data, ctx=ctx_list[0])
    if len(ctx_list) == 1:
        return [data.as_in_context(ctx_list[0])]
    return [part.as_in_context(ctx) for part, ctx in
            zip(split_data(data, len(ctx_list), batch_axis, even_split), ctx_list)]


def clip_global_norm(arrays, max_norm, check_isfinite=True):
    """Scale `arrays` in place so that their joint 2-norm is at most `max_norm`; returns the norm
    before scaling. check_isfinite (default True): warn when the norm is NaN or infinite (the
    arrays are then scaled by NaN, as in MXNet: the warning is what says so)."""
    total = math.sqrt(sum(float((a * a).sum().asscalar()) for a in arrays))
    if check_isfinite and not math.isfinite(total):
        import warnings
        warnings.warn('clip_global_norm: nan or inf is detected (the norm of the arrays is %s). '
                      'Clipping results will be undefined.' % total, UserWarning, stacklevel=2)
    if not math.isfinite(total):
        scale = max_norm / total                             # NaN for NaN, 0 for inf
        for a in arrays:
            a[:] = a.asnumpy() * scale                       # NumPy's NaN arithmetic
        return total
    if total > max_norm:
        scale = max_norm / (total + 1e-8)
        for a in arrays:
            a *= scale
    return total


def check_sha1(filename, sha1_hash):
    """Whether the file's SHA-1 is `sha1_hash` (hex)."""
    import hashlib
    digest = hashlib.sha1()
    with open(filename, 'rb') as f:
        for chunk in iter(lambda: f.read(1 << 20), b''):
            digest.update(chunk)
    return digest.hexdigest() == sha1_hash


def download(url, path=None, overwrite=False, sha1_hash=None, retries=5, verify_ssl=True):
    """Download `url` to `path` (a file, or a folder to put the URL's last part in; default the
    working folder) unless it is there (and matches sha1_hash when given), as MXNet's
    gluon.utils.download; returns the file's path. Written whole or not at all; offline, one
    clear error naming the URL and where to put the file by hand."""
    import os
    from ..test_utils import download as fetch
    name = url.split('/')[-1].split('?')[0] or 'downloaded'
    if path is None:
        target = name
    elif os.path.isdir(path) or path.endswith(os.sep):
        target = os.path.join(path, name)
    else:
        target = path
    if os.path.exists(target) and not overwrite and (sha1_hash is None or
                                                      check_sha1(target, sha1_hash)):
        return target
    folder, fname = os.path.split(target)
    fetch(url, fname=fname, dirname=folder or None, overwrite=True, retries=retries)
    if sha1_hash is not None and not check_sha1(target, sha1_hash):
        os.remove(target)                       # not left behind as if it were the file
        raise ValueError('download: %s does not have the SHA-1 %s it should (from %s); removed'
                         % (target, sha1_hash, url))
    return target
