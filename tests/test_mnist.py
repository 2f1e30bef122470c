"""The MNIST loader against a real HTTP server on 127.0.0.1 that serves ../shared/data/mnist, with
faults injected per test: 404s, a corrupted byte, a connection closed half-way, no server at all."""
import gzip
import http.server
import multiprocessing
import os
import shutil
import socket
import struct
import threading

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import tinynet as mx
from tinynet.datasets import mnist

from conftest import mnist_source

SOURCE = mnist_source()
needs_files = pytest.mark.skipif(SOURCE is None and not os.environ.get('TINYNET_REQUIRE_MNIST'),
                                 reason='MNIST files not found beside the repository')


class Faults:
    """What the server does wrong: per path prefix, 'ok', '404', 'corrupt' or 'truncate'."""

    def __init__(self):
        self.rules, self.requests = {}, []


def start_server(faults):
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            faults.requests.append(self.path)
            mirror, _, name = self.path.strip('/').partition('/')
            rule = faults.rules.get(mirror, 'ok')
            path = os.path.join(SOURCE, name)
            if rule == '404' or not os.path.exists(path):
                self.send_error(404)
                return
            with open(path, 'rb') as f:
                body = f.read()
            if rule == 'corrupt':
                body = body[:1000] + bytes([body[1000] ^ 0xFF]) + body[1001:]
            self.send_response(200)
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            if rule == 'truncate':
                self.wfile.write(body[:len(body) // 2])
                self.wfile.flush()
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@pytest.fixture
def server():
    faults = Faults()
    srv = start_server(faults)
    srv.faults = faults
    srv.url = lambda mirror: 'http://127.0.0.1:%d/%s/' % (srv.server_address[1], mirror)
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv('TINYNET_HOME', str(tmp_path))
    monkeypatch.delenv('TINYNET_MNIST_MIRROR', raising=False)
    monkeypatch.setattr(mnist, 'MIRRORS', [])       # never the internet
    monkeypatch.setattr(mnist, 'TIMEOUT', (2, 5))
    return tmp_path


def folder_files(home):
    return sorted(os.listdir(home / 'datasets' / 'mnist'))


@needs_files
def test_clean_download_into_an_empty_home(server, home, monkeypatch):
    monkeypatch.setenv('TINYNET_MNIST_MIRROR', server.url('a'))
    data = mx.test_utils.get_mnist()
    assert data['train_data'].shape == (60000, 1, 28, 28) and data['train_data'].dtype == np.float32
    assert data['test_data'].shape == (10000, 1, 28, 28) and data['test_label'].shape == (10000,)
    assert 0.0 == data['train_data'].min() and data['train_data'].max() == 1.0
    assert data['train_label'][:5].tolist() == [5, 0, 4, 1, 9]
    assert folder_files(home) == sorted(list(mnist.FILES) + ['.lock'])


@needs_files
def test_downloaded_files_follow_the_umask(server, home, monkeypatch):
    """They were 0600 (mkstemp's) whatever the umask; under umask 022 a file is 0644."""
    monkeypatch.setenv('TINYNET_MNIST_MIRROR', server.url('a'))
    old = os.umask(0o022)
    try:
        mx.test_utils.get_mnist()
    finally:
        os.umask(old)
    for name in mnist.FILES:
        assert oct(os.stat(home / "datasets" / "mnist" / name).st_mode & 0o777) == oct(0o644), name


@needs_files
def test_cache_is_reused_without_any_server(server, home, monkeypatch):
    monkeypatch.setenv('TINYNET_MNIST_MIRROR', server.url('a'))
    mx.test_utils.get_mnist()
    count = len(server.faults.requests)
    monkeypatch.setenv('TINYNET_MNIST_MIRROR', 'http://127.0.0.1:9/nothing/')
    data = mx.test_utils.get_mnist()
    assert len(server.faults.requests) == count and data['test_label'].shape == (10000,)


@needs_files
def test_first_mirror_404_second_succeeds(server, home, monkeypatch):
    server.faults.rules['a'] = '404'
    monkeypatch.setattr(mnist, 'MIRRORS', [server.url('b')])
    monkeypatch.setenv('TINYNET_MNIST_MIRROR', server.url('a'))
    mnist.fetch()
    assert any(p.startswith('/a/') for p in server.faults.requests)
    assert folder_files(home) == sorted(list(mnist.FILES) + ['.lock'])


@needs_files
@pytest.mark.parametrize('fault', ['corrupt', 'truncate'])
def test_bad_copy_is_discarded_and_next_mirror_used(server, home, monkeypatch, fault):
    server.faults.rules['a'] = fault
    monkeypatch.setenv('TINYNET_MNIST_MIRROR', server.url('a') + ' ' + server.url('b'))
    paths = mnist.fetch()
    for name, path in paths.items():
        assert mnist.sha256_of(path) == mnist.FILES[name]
    assert folder_files(home) == sorted(list(mnist.FILES) + ['.lock'])    # no temporary files


@needs_files
@pytest.mark.parametrize('fault', ['corrupt', 'truncate', '404'])
def test_only_bad_mirrors_give_one_clear_error_and_leave_nothing(server, home, monkeypatch, fault):
    server.faults.rules['a'] = fault
    monkeypatch.setenv('TINYNET_MNIST_MIRROR', server.url('a'))
    with pytest.raises(mnist.MNISTDownloadError) as err:
        mnist.fetch(retries=1)
    message = str(err.value)
    assert server.url('a') + 'train-images-idx3-ubyte.gz' in message
    assert str(home / 'datasets' / 'mnist') in message
    assert {'corrupt': 'SHA-256 mismatch', 'truncate': 'connection', '404': 'HTTP 404'}[fault] in message
    assert folder_files(home) == ['.lock']


def test_no_mirror_reachable(home, monkeypatch):
    with socket.socket() as s:                     # a port nobody listens on
        s.bind(('127.0.0.1', 0))
        port = s.getsockname()[1]
    monkeypatch.setenv('TINYNET_MNIST_MIRROR', 'http://127.0.0.1:%d/x/' % port)
    with pytest.raises(mnist.MNISTDownloadError) as err:
        mx.test_utils.get_mnist()
    message = str(err.value)
    assert 'http://127.0.0.1:%d/x/train-images-idx3-ubyte.gz: connection failed' % port in message
    assert 'Traceback' not in message and 'by hand' in message
    assert err.value.__cause__ is None and (err.value.__context__ is None or
                                            err.value.__suppress_context__)


@needs_files
def test_corrupted_cached_file_is_downloaded_again(server, home, monkeypatch):
    monkeypatch.setenv('TINYNET_MNIST_MIRROR', server.url('a'))
    mnist.fetch()
    path = home / 'datasets' / 'mnist' / 't10k-labels-idx1-ubyte.gz'
    raw = bytearray(path.read_bytes())
    raw[100] ^= 0x01
    path.write_bytes(bytes(raw))
    mnist.fetch()
    assert mnist.sha256_of(str(path)) == mnist.FILES[path.name]


@needs_files
def test_corrupted_cached_file_with_no_mirror_is_reported(home, monkeypatch):
    folder = home / 'datasets' / 'mnist'
    folder.mkdir(parents=True)
    for name in mnist.FILES:
        shutil.copy(os.path.join(SOURCE, name), folder / name)
    with open(folder / 'train-labels-idx1-ubyte.gz', 'r+b') as f:
        f.seek(50)
        f.write(b'\x00\x01')
    with pytest.raises(mnist.MNISTDownloadError, match='cached file .*train-labels.* does not match '
                                                       'its SHA-256'):
        mnist.fetch()


def _load_in_child(home, url, queue):
    os.environ['TINYNET_HOME'] = home
    os.environ['TINYNET_MNIST_MIRROR'] = url
    mnist.MIRRORS = []
    try:
        data = mnist.load()
        queue.put(int(data['train_label'].sum()))
    except Exception as err:       # reported to the parent, which fails the test
        queue.put(repr(err))


@needs_files
def test_two_processes_loading_at_once(server, home):
    ctx = multiprocessing.get_context('spawn')
    queue = ctx.Queue()
    children = [ctx.Process(target=_load_in_child, args=(str(home), server.url('a'), queue))
                for _ in range(2)]
    for child in children:
        child.start()
    results = [queue.get(timeout=120) for _ in children]
    for child in children:
        child.join(timeout=60)
    assert results[0] == results[1] and isinstance(results[0], int), results
    for name in mnist.FILES:
        assert mnist.sha256_of(str(home / 'datasets' / 'mnist' / name)) == mnist.FILES[name]
    assert folder_files(home) == sorted(list(mnist.FILES) + ['.lock'])
    # each file was fetched once: the second process found it in the cache under the lock
    assert sorted(server.faults.requests) == sorted('/a/' + n for n in mnist.FILES)


# ----- the IDX reader -----

def idx_bytes(array, code=0x08):
    header = struct.pack('>BBBB', 0, 0, code, array.ndim) + struct.pack('>%dI' % array.ndim,
                                                                       *array.shape)
    return header + array.astype(mnist._IDX_DTYPES[code]).tobytes()


@pytest.mark.parametrize('code', sorted(mnist._IDX_DTYPES))
def test_read_idx_round_trips_every_dtype(tmp_path, code):
    array = np.arange(24).reshape(2, 3, 4) % 100
    path = tmp_path / 'x.idx.gz'
    path.write_bytes(gzip.compress(idx_bytes(array, code)))
    result = mnist.read_idx(str(path))
    assert result.shape == (2, 3, 4) and result.dtype.isnative
    np.testing.assert_array_equal(result, array)


@pytest.mark.parametrize('raw, message', [
    (b'\x00\x00', 'header truncated'),
    (b'\x01\x00\x08\x01' + b'\x00\x00\x00\x01' + b'\x05', 'bad IDX magic'),
    (b'\x00\x00\x07\x01' + b'\x00\x00\x00\x01' + b'\x05', 'unknown IDX dtype code 0x07'),
    (b'\x00\x00\x08\x00', '0 dimensions'),
    (b'\x00\x00\x08\x03\x00\x00\x00\x02', 'header truncated: 3 dimensions need 16 bytes'),
    (b'\x00\x00\x08\x01\x00\x00\x00\x05' + b'\x01\x02', 'payload is 2 bytes.*need 5 \\(truncated'),
    (b'\x00\x00\x08\x01\x00\x00\x00\x01' + b'\x01\x02', 'trailing bytes'),
])
def test_read_idx_rejects_malformed_files(tmp_path, raw, message):
    path = tmp_path / 'bad.idx'
    path.write_bytes(raw)
    with pytest.raises(ValueError, match=str(path).replace('\\', '\\\\') + '.*' + message):
        mnist.read_idx(str(path))


def test_read_idx_rejects_broken_gzip(tmp_path):
    path = tmp_path / 'bad.gz'
    path.write_bytes(gzip.compress(idx_bytes(np.zeros((3, 3))))[:-10])
    with pytest.raises(ValueError, match='bad.gz.*gzip'):
        mnist.read_idx(str(path))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=64))
def test_read_idx_never_crashes_on_arbitrary_bytes(raw):
    """Any byte string is either a valid IDX file or a ValueError, never another exception."""
    try:
        array = mnist.parse_idx(raw, 'fuzz')
    except ValueError:
        return
    assert array.size * array.dtype.itemsize == len(raw) - 4 - 4 * raw[3]


@needs_files
def test_get_mnist_from_seeded_home(mnist_home):
    data = mx.test_utils.get_mnist()
    assert data['train_label'].shape == (60000,) and set(np.unique(data['test_label'])) == set(range(10))


def trickle_server(seconds_per_byte):
    """Answers every request with a 1 MB Content-Length and then one byte at a time, slowly."""
    stop = threading.Event()

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            self.send_response(200)
            self.send_header('Content-Length', str(1 << 20))
            self.end_headers()
            try:
                while not stop.wait(seconds_per_byte):
                    self.wfile.write(b'x')
                    self.wfile.flush()
            except OSError:
                pass
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.stop = stop
    return server


def test_a_mirror_that_trickles_bytes_hits_the_deadline_and_leaves_nothing(home, monkeypatch):
    import time
    server = trickle_server(0.2)
    try:
        monkeypatch.setenv('TINYNET_MNIST_MIRROR', 'http://127.0.0.1:%d/' % server.server_address[1])
        monkeypatch.setenv('TINYNET_DOWNLOAD_DEADLINE', '1.5')
        tic = time.monotonic()
        with pytest.raises(mnist.MNISTDownloadError, match='deadline of 1.5 s'):
            mnist.fetch()
        assert time.monotonic() - tic < 10
        assert folder_files(home) == ['.lock']
    finally:
        server.stop.set()
        server.shutdown()
        server.server_close()


def test_a_bad_deadline_is_refused(home, monkeypatch):
    monkeypatch.setenv('TINYNET_DOWNLOAD_DEADLINE', 'soon')
    with pytest.raises(ValueError, match="deadline must be a positive number of seconds, got 'soon'"):
        mnist.download('train-labels-idx1-ubyte.gz', str(home))


@needs_files
def test_a_part_file_left_by_a_killed_download_is_removed(server, home, monkeypatch):
    folder = home / 'datasets' / 'mnist'
    folder.mkdir(parents=True)
    (folder / '.train-images-idx3-ubyte.gz.x1y2.part').write_bytes(b'half a file')
    monkeypatch.setenv('TINYNET_MNIST_MIRROR', server.url('ok'))
    mnist.fetch()
    assert not [f for f in folder_files(home) if f.endswith('.part')]
