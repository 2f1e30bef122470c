"""MNIST: find, download, verify and read the four IDX files.

Files live in `$TINYNET_HOME/datasets/mnist/` (default `~/.tinynet/datasets/mnist/`). A missing file
is downloaded with `requests`, from `$TINYNET_MNIST_MIRROR` first when it is set (a base URL, or
several separated by spaces or commas), then from `MIRRORS`, in order. Every file is checked
against its published SHA-256 before use. A download streams into a temporary file in the same
folder and is renamed into place only once it verifies, under a lock, so an interrupted download or
two processes downloading at once never leave a broken file behind.

    read_idx(path)   any IDX file (gzip or plain) as a NumPy array, validated; never uses pickle
    load()           {'train_data', 'train_label', 'test_data', 'test_label'} as MXNet's get_mnist
"""
import contextlib
import glob
import hashlib
import math
import os
import struct
import sys
import tempfile
import time
import warnings
import zlib

import numpy as np

from ..fileio import chmod_as_open_would

FILES = {
    'train-images-idx3-ubyte.gz': '440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609',
    'train-labels-idx1-ubyte.gz': '3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c',
    't10k-images-idx3-ubyte.gz': '8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6',
    't10k-labels-idx1-ubyte.gz': 'f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6',
}

# Public mirrors, tried in order after $TINYNET_MNIST_MIRROR.
MIRRORS = [
    'https://ossci-datasets.s3.amazonaws.com/mnist/',
    'https://storage.googleapis.com/cvdf-datasets/mnist/',
    'http://yann.lecun.com/exdb/mnist/',
]

# Fashion-MNIST (Zalando's drop-in replacement for MNIST, same file names and format), with the
# SHA-1 digests MXNet's gluon.data.vision.FashionMNIST publishes for these files.
FASHION_FILES = {
    'train-images-idx3-ubyte.gz': '0cf37b0d40ed5169c6b3aba31069a9770ac9043d',
    'train-labels-idx1-ubyte.gz': '236021d52f1e40852b06a4c3008d8de8aef1e40b',
    't10k-images-idx3-ubyte.gz': '626ed6a7c06dd17c0eec72fa3be1740f146a2863',
    't10k-labels-idx1-ubyte.gz': '17f9ab60e7257a1620f4ad76bbbaf857c3920701',
}
FASHION_MIRRORS = [
    'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/',
    'https://apache-mxnet.s3-accelerate.dualstack.amazonaws.com/gluon/dataset/fashion-mnist/',
]


class Source:
    """One data set's four files: where they are cached, their digests, where to get them."""

    def __init__(self, title, folder, files, algorithm, env, mirrors_name):
        self.title, self.folder, self.files, self.algorithm = title, folder, files, algorithm
        self.env, self._mirrors_name = env, mirrors_name
        self.digest_name = {'sha256': 'SHA-256', 'sha1': 'SHA-1'}[algorithm]

    def default_mirrors(self):
        return globals()[self._mirrors_name]      # read when used, so tests can replace it

    def digest(self, path):
        digest = hashlib.new(self.algorithm)
        with open(path, 'rb') as f:
            for block in iter(lambda: f.read(1 << 20), b''):
                digest.update(block)
        return digest.hexdigest()


MNIST = Source('MNIST', 'mnist', FILES, 'sha256', 'TINYNET_MNIST_MIRROR', 'MIRRORS')
FASHION_MNIST = Source('Fashion-MNIST', 'fashion-mnist', FASHION_FILES, 'sha1',
                       'TINYNET_FASHION_MNIST_MIRROR', 'FASHION_MIRRORS')

TIMEOUT = (10, 30)     # seconds to connect, seconds between bytes
DEADLINE = 300         # seconds for one whole file (TINYNET_DOWNLOAD_DEADLINE overrides it)
RETRIES = 2            # further tries of one URL after a network error or an HTTP 5xx
CHUNK = 1 << 16


class MNISTDownloadError(RuntimeError):
    """No mirror gave a file that verifies; the message lists every URL tried and why."""


# ----- reading IDX files -----

_IDX_DTYPES = {0x08: np.dtype('u1'), 0x09: np.dtype('i1'), 0x0B: np.dtype('>i2'),
               0x0C: np.dtype('>i4'), 0x0D: np.dtype('>f4'), 0x0E: np.dtype('>f8')}


def read_idx(path):
    """An IDX file (optionally gzipped) as an array of its stated dtype and dimensions.

    IDX: two zero bytes, a dtype code, the number of dimensions, each dimension as a big-endian
    uint32, then the values, big-endian, row-major. Raises ValueError naming the file and the fault
    for anything else (bad magic, unknown dtype, truncated header or payload, trailing bytes)."""
    with open(path, 'rb') as f:
        raw = f.read()
    if raw[:2] == b'\x1f\x8b':
        try:
            raw = zlib.decompress(raw, wbits=31)     # gzip framing; faster than the gzip module
        except zlib.error as err:
            raise ValueError('%s: not a valid gzip file (%s)' % (path, err)) from None
    return parse_idx(raw, path)


def parse_idx(raw, name='<bytes>'):
    if len(raw) < 4:
        raise ValueError('%s: IDX header truncated: %d bytes, need at least 4' % (name, len(raw)))
    if raw[0] != 0 or raw[1] != 0:
        raise ValueError('%s: bad IDX magic number %s (the first two bytes must be zero)'
                         % (name, raw[:4].hex()))
    code, ndim = raw[2], raw[3]
    if code not in _IDX_DTYPES:
        raise ValueError('%s: unknown IDX dtype code 0x%02x (known: %s)' % (
            name, code, ', '.join('0x%02x' % c for c in sorted(_IDX_DTYPES))))
    if ndim == 0:
        raise ValueError('%s: IDX header says 0 dimensions' % name)
    header = 4 + 4 * ndim
    if len(raw) < header:
        raise ValueError('%s: IDX header truncated: %d dimensions need %d bytes, the file has %d'
                         % (name, ndim, header, len(raw)))
    dims = struct.unpack('>%dI' % ndim, raw[4:header])
    dtype = _IDX_DTYPES[code]
    expected = math.prod(dims) * dtype.itemsize
    payload = len(raw) - header
    if payload != expected:
        raise ValueError('%s: IDX payload is %d bytes, but dimensions %s of %s need %d (%s)' % (
            name, payload, dims, dtype.name, expected,
            'truncated' if payload < expected else 'trailing bytes'))
    array = np.frombuffer(raw, dtype=dtype, count=math.prod(dims), offset=header).reshape(dims)
    return array.astype(dtype.newbyteorder('='), copy=False) if dtype.itemsize > 1 else array


# ----- the cache folder -----

def data_home():
    return os.path.join(os.environ.get('TINYNET_HOME') or os.path.join('~', '.tinynet'))


def mnist_dir(home=None, source=MNIST):
    return os.path.join(os.path.expanduser(home or data_home()), 'datasets', source.folder)


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, 'rb') as f:
        for block in iter(lambda: f.read(1 << 20), b''):
            digest.update(block)
    return digest.hexdigest()


@contextlib.contextmanager
def _folder_lock(folder):
    """An exclusive lock on `folder/.lock`, held across processes (flock, or msvcrt on Windows)."""
    with open(os.path.join(folder, '.lock'), 'a+b') as handle:
        try:
            import fcntl
            fcntl.flock(handle, fcntl.LOCK_EX)
            unlock = lambda: fcntl.flock(handle, fcntl.LOCK_UN)  # noqa: E731
        except ImportError:                                     # Windows
            import msvcrt
            while True:
                try:
                    msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
                    break
                except OSError:
                    time.sleep(0.1)
            unlock = lambda: msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)  # noqa: E731
        try:
            yield
        finally:
            unlock()


def mirror_list(mirrors=None, source=MNIST):
    """$TINYNET_MNIST_MIRROR's URLs first (TINYNET_FASHION_MNIST_MIRROR's for Fashion-MNIST), then
    `mirrors` (default: the source's MIRRORS)."""
    env = os.environ.get(source.env, '')
    urls = [u for u in env.replace(',', ' ').split() if u]
    urls += list(source.default_mirrors() if mirrors is None else mirrors)
    seen, result = set(), []
    for url in urls:
        url = url if url.endswith('/') else url + '/'
        if url not in seen:
            seen.add(url)
            result.append(url)
    return result


# ----- downloading -----

def _progress(name, done, total, stream):
    if total:
        stream.write('\rDownloading %s: %3d%% (%.1f of %.1f MB)' % (
            name, 100 * done // total, done / 1e6, total / 1e6))
    else:
        stream.write('\rDownloading %s: %.1f MB' % (name, done / 1e6))
    stream.flush()


def deadline_seconds(deadline=None):
    """The time allowed for one file: `deadline`, else $TINYNET_DOWNLOAD_DEADLINE, else DEADLINE."""
    value = deadline if deadline is not None else os.environ.get('TINYNET_DOWNLOAD_DEADLINE',
                                                                 DEADLINE)
    try:
        value = float(value)
    except (TypeError, ValueError):
        value = -1
    if not value > 0 or not math.isfinite(value):
        raise ValueError('download: the deadline must be a positive number of seconds, got %r'
                         % (deadline if deadline is not None else
                            os.environ.get('TINYNET_DOWNLOAD_DEADLINE')))
    return value


def _download_once(session, url, tmp_path, name, timeout, show_progress, deadline):
    """Stream `url` into `tmp_path` within `deadline` seconds. Raises requests' exceptions,
    _HTTPStatus, _Truncated or _Deadline.

    The per-read timeout alone cannot stop a server that sends a byte every few seconds, so the
    body is read with read1, which returns whatever has arrived (never waiting for a whole chunk),
    and the clock is looked at between reads."""
    start = time.monotonic()
    with session.get(url, stream=True, timeout=timeout) as response:
        if response.status_code != 200:
            raise _HTTPStatus(response.status_code, response.reason)
        total = int(response.headers.get('Content-Length') or 0)
        done = 0
        with open(tmp_path, 'wb') as f:
            while True:
                if time.monotonic() - start > deadline:
                    raise _Deadline(deadline)
                chunk = _read_some(response)
                if not chunk:
                    break
                f.write(chunk)
                done += len(chunk)
                if show_progress:
                    _progress(name, done, total, sys.stderr)
        if show_progress:
            sys.stderr.write('\n')
        if total and done != total:
            raise _Truncated('connection closed after %d of %d bytes' % (done, total))


def _read_some(response):
    """The next bytes of the body as soon as any have arrived (urllib3's read1), b'' at its end.
    requests turns urllib3's errors into its own, so the callers see one kind."""
    import requests
    import urllib3
    try:
        return response.raw.read1(CHUNK)
    except urllib3.exceptions.ReadTimeoutError as err:
        raise requests.exceptions.ReadTimeout(err) from None
    except (urllib3.exceptions.ProtocolError, urllib3.exceptions.IncompleteRead) as err:
        raise requests.exceptions.ChunkedEncodingError(err) from None


class _HTTPStatus(Exception):
    def __init__(self, status, reason):
        super().__init__('HTTP %d %s' % (status, reason or ''))
        self.status = status


class _Truncated(Exception):
    pass


class _Deadline(Exception):
    def __init__(self, seconds):
        super().__init__('no whole file within the deadline of %g s' % seconds)


def _describe(err):
    """One short line for a failed attempt (never a traceback from inside requests)."""
    import requests
    if isinstance(err, (_HTTPStatus, _Truncated, _Deadline)):
        return str(err).strip()
    if isinstance(err, requests.exceptions.Timeout):
        return 'timed out'
    if isinstance(err, requests.exceptions.ChunkedEncodingError):
        return 'connection closed before the whole file arrived'
    if isinstance(err, requests.exceptions.ConnectionError):
        text = str(err)
        for hint in ('Connection refused', 'Name or service not known', 'Temporary failure in name '
                     'resolution', 'Network is unreachable', 'RemoteDisconnected',
                     'IncompleteRead', 'Connection reset', 'No route to host'):
            if hint in text:
                return 'connection failed (%s)' % hint
        return 'connection failed'
    if isinstance(err, requests.exceptions.RequestException):
        return '%s' % type(err).__name__
    return '%s: %s' % (type(err).__name__, err)


def download(name, folder, mirrors=None, timeout=TIMEOUT, retries=RETRIES, progress=None,
             source=MNIST, deadline=None):
    """Fetch file `name` into `folder` from the first mirror whose copy verifies, each try given
    `deadline` seconds at most (deadline_seconds).

    Returns the path. Raises MNISTDownloadError listing every URL tried and why it failed."""
    import requests
    deadline = deadline_seconds(deadline)
    expected = source.files[name]
    target = os.path.join(folder, name)
    show_progress = sys.stderr.isatty() if progress is None else progress
    failures = []
    with requests.Session() as session:
        for base in mirror_list(mirrors, source):
            url = base + name
            for attempt in range(retries + 1):
                fd, tmp = tempfile.mkstemp(dir=folder, prefix='.' + name + '.', suffix='.part')
                os.close(fd)
                try:
                    _download_once(session, url, tmp, name, timeout, show_progress, deadline)
                    digest = source.digest(tmp)
                    if digest != expected:
                        failures.append('%s: %s mismatch (got %s..., expected %s...)'
                                        % (url, source.digest_name, digest[:12],
                                           expected[:12]))
                        break                        # this mirror serves a bad copy: next one
                    chmod_as_open_would(tmp)     # mkstemp's 0600 -> 0644 under umask 022
                    os.replace(tmp, target)
                    return target
                except (_HTTPStatus, _Truncated, _Deadline,
                        requests.exceptions.RequestException) as err:
                    retry = not (isinstance(err, _HTTPStatus) and err.status < 500) and \
                        not isinstance(err, _Deadline)
                    if not retry or attempt == retries:
                        failures.append('%s: %s' % (url, _describe(err)))
                        break
                    time.sleep(0.2 * (attempt + 1))
                finally:
                    with contextlib.suppress(OSError):
                        os.remove(tmp)
    raise MNISTDownloadError(
        'Could not download %s file %s. Tried:\n  %s\nDownload the four files %s by hand (from '
        'any %s mirror) and put them in %s, or set %s to a mirror you can reach.' % (
            source.title, name, '\n  '.join(failures) or '(no mirrors configured)',
            ', '.join(source.files), source.title, os.path.abspath(folder), source.env))


def remove_stale_parts(folder):
    """Delete the .part files a killed download left (call it holding the folder's lock: then no
    download of ours is writing one)."""
    for path in glob.glob(os.path.join(folder, '.*.part')):
        with contextlib.suppress(OSError):
            os.remove(path)


STAND_IN = 'TINYNET_FASHION_MNIST_STAND_IN'


def verified(path, name, source=MNIST):
    """Whether the file at `path` is `source`'s file `name`, by its digest. With
    $TINYNET_FASHION_MNIST_STAND_IN set, MNIST's own file of that name also passes for
    Fashion-MNIST's (CI has no copy of Fashion-MNIST), with a warning that says so."""
    if source.digest(path) == source.files[name]:
        return True
    if source is FASHION_MNIST and os.environ.get(STAND_IN) and MNIST.digest(path) == MNIST.files[name]:
        warnings.warn('Fashion-MNIST: the files in %s are MNIST\'s, used in their place because $%s '
                      'is set: the images are digits, not clothes' % (os.path.dirname(path),
                                                                      STAND_IN), stacklevel=2)
        return True
    return False


def fetch(home=None, mirrors=None, timeout=TIMEOUT, retries=RETRIES, progress=None, source=MNIST,
          deadline=None, folder=None):
    """Make sure the four files are in the cache folder (or `folder`) and verify; returns
    {name: path}."""
    folder = os.path.expanduser(folder) if folder else mnist_dir(home, source)
    os.makedirs(folder, exist_ok=True)
    if glob.glob(os.path.join(folder, '.*.part')):
        with _folder_lock(folder):           # a download of another process holds the lock
            remove_stale_parts(folder)
    paths = {}
    for name in source.files:
        path = os.path.join(folder, name)
        if os.path.exists(path) and verified(path, name, source):
            paths[name] = path
            continue
        with _folder_lock(folder):
            remove_stale_parts(folder)       # what a killed process left: never used again
            # another process may have fetched it while we waited for the lock
            corrupt = os.path.exists(path)
            if corrupt and verified(path, name, source):
                paths[name] = path
                continue
            try:
                paths[name] = download(name, folder, mirrors, timeout, retries, progress, source,
                                       deadline)
            except MNISTDownloadError as err:
                if corrupt:
                    raise MNISTDownloadError('The cached file %s does not match its %s (it is '
                                             'damaged or incomplete), and no mirror could replace '
                                             'it.\n%s' % (path, source.digest_name, err)) \
                        from None
                raise
    return paths


def load(home=None, mirrors=None, timeout=TIMEOUT, retries=RETRIES, progress=None):
    """MXNet's get_mnist dict: images float32 (N, 1, 28, 28) in [0, 1], labels int8 (N,)."""
    paths = fetch(home, mirrors, timeout, retries, progress)
    result = {}
    for split, prefix in (('train', 'train'), ('test', 't10k')):
        images = read_idx(paths['%s-images-idx3-ubyte.gz' % prefix])
        labels = read_idx(paths['%s-labels-idx1-ubyte.gz' % prefix])
        if images.ndim != 3 or labels.ndim != 1 or images.shape[0] != labels.shape[0]:
            raise ValueError('MNIST %s: images %s and labels %s do not match'
                             % (split, images.shape, labels.shape))
        data = images.reshape(images.shape[0], 1, 28, 28).astype(np.float32)
        np.divide(data, 255, out=data)               # in place: no second 188 MB array
        result['%s_data' % split] = data
        result['%s_label' % split] = labels.astype(np.int8)
    return result


def load_split(train=True, home=None, source=MNIST, mirrors=None, folder=None):
    """(images uint8 (N, 28, 28), labels int32 (N,)) of one split, fetched and verified (into
    `folder` when given, else the cache folder under `home`)."""
    paths = fetch(home, mirrors, source=source, folder=folder)
    prefix = 'train' if train else 't10k'
    images = read_idx(paths['%s-images-idx3-ubyte.gz' % prefix])
    labels = read_idx(paths['%s-labels-idx1-ubyte.gz' % prefix])
    if images.ndim != 3 or labels.ndim != 1 or images.shape[0] != labels.shape[0]:
        raise ValueError('%s %s: images %s and labels %s do not match'
                         % (source.title, prefix, images.shape, labels.shape))
    return images, labels.astype(np.int32)
