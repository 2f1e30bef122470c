"""gluon.data: datasets, samplers, DataLoader, transforms, and the vision data sets through the
verified downloader (Fashion-MNIST served by a local HTTP server: no machine here reaches the
internet)."""
import gzip
import hashlib
import http.server
import os
import struct
import threading

import numpy as np
import pytest

import tinynet as mx
from tinynet import gluon, nd
from tinynet.datasets import mnist
from tinynet.gluon.data import vision


def test_array_dataset_loader_batches_and_last_batch_modes():
    x, y = np.arange(10 * 3).reshape(10, 3).astype(np.float32), np.arange(10)
    ds = gluon.data.ArrayDataset(x, y)
    assert len(ds) == 10 and ds[2][1] == 2
    batches = list(gluon.data.DataLoader(ds, batch_size=4))
    assert [b[0].shape for b in batches] == [(4, 3), (4, 3), (2, 3)]
    np.testing.assert_array_equal(batches[2][1].asnumpy(), [8, 9])
    assert len(list(gluon.data.DataLoader(ds, batch_size=4, last_batch='discard'))) == 2
    loader = gluon.data.DataLoader(ds, batch_size=4, last_batch='rollover')
    first = [b[1].asnumpy().tolist() for b in loader]
    second = [b[1].asnumpy().tolist() for b in loader]
    assert first == [[0, 1, 2, 3], [4, 5, 6, 7]] and second[0] == [8, 9, 0, 1]
    threaded = [b[1].asnumpy().tolist() for b in gluon.data.DataLoader(ds, 4, num_workers=2)]
    assert threaded == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    with pytest.raises(ValueError, match="last_batch must be 'keep'"):
        gluon.data.DataLoader(ds, 4, last_batch='pad')


def test_shuffle_is_seeded_and_transforms_apply_to_the_data():
    ds = gluon.data.SimpleDataset(list(range(20))).transform(lambda v: v * 10)
    mx.random.seed(4)
    a = [b.asnumpy().tolist() for b in gluon.data.DataLoader(ds, 5, shuffle=True)]
    mx.random.seed(4)
    b = [b.asnumpy().tolist() for b in gluon.data.DataLoader(ds, 5, shuffle=True)]
    assert a == b and sorted(sum(a, [])) == list(range(0, 200, 10)) and a[0] != [0, 10, 20, 30, 40]
    pairs = gluon.data.ArrayDataset(np.ones((3, 2)), np.arange(3)).transform_first(lambda d: d * 2)
    assert pairs[1][0].tolist() == [2.0, 2.0] and pairs[1][1] == 1


def test_to_tensor_normalize_compose_cast():
    image = nd.array(np.arange(2 * 3 * 1).reshape(2, 3, 1) * 50, dtype=np.uint8)
    t = vision.transforms.Compose([vision.transforms.ToTensor(),
                                   vision.transforms.Normalize(0.5, 0.25)])
    out = t(image)
    assert out.shape == (1, 2, 3) and out.dtype == np.float32
    np.testing.assert_allclose(out.asnumpy().ravel(), (np.arange(6) * 50 / 255 - 0.5) / 0.25,
                               rtol=1e-6)
    assert vision.transforms.Cast('float64')(image).dtype == np.float64


def idx_gz(array, code=0x08):
    header = bytes([0, 0, code, array.ndim]) + struct.pack('>%dI' % array.ndim, *array.shape)
    return gzip.compress(header + array.astype('>u1').tobytes())


@pytest.fixture
def fashion_server(tmp_path, monkeypatch):
    """Four small Fashion-MNIST-format files on a local server, their SHA-1s as the published
    ones, and a second path that serves a damaged copy."""
    rng = np.random.default_rng(0)
    files = {}
    for prefix, n in (('train', 6), ('t10k', 4)):
        files['%s-images-idx3-ubyte.gz' % prefix] = idx_gz(rng.integers(0, 256, (n, 28, 28)))
        files['%s-labels-idx1-ubyte.gz' % prefix] = idx_gz(rng.integers(0, 10, n))
    for name, body in files.items():
        monkeypatch.setitem(mnist.FASHION_FILES, name, hashlib.sha1(body).hexdigest())

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            kind, _, name = self.path.strip('/').partition('/')
            body = files.get(name)
            if body is None:
                self.send_error(404)
                return
            if kind == 'bad':
                body = body[:20] + bytes([body[20] ^ 0xFF]) + body[21:]
            self.send_response(200)
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv('TINYNET_HOME', str(tmp_path))
    monkeypatch.setattr(mnist, 'FASHION_MIRRORS', [])
    monkeypatch.setattr(mnist, 'TIMEOUT', (2, 5))
    server.url = lambda kind: 'http://127.0.0.1:%d/%s/' % (server.server_address[1], kind)
    yield server
    server.shutdown()
    server.server_close()


def test_fashion_mnist_downloads_verifies_and_loads(fashion_server, monkeypatch, tmp_path):
    monkeypatch.setenv('TINYNET_FASHION_MNIST_MIRROR',
                       fashion_server.url('bad') + ' ' + fashion_server.url('good'))
    train = vision.FashionMNIST(train=True)
    test = vision.FashionMNIST(train=False)
    assert len(train) == 6 and len(test) == 4
    image, label = train[0]
    assert image.shape == (28, 28, 1) and image.dtype == np.uint8 and 0 <= label < 10
    folder = tmp_path / 'datasets' / 'fashion-mnist'
    assert sorted(os.listdir(folder)) == ['.lock'] + sorted(mnist.FASHION_FILES)
    loader = gluon.data.DataLoader(train.transform_first(vision.transforms.ToTensor()), 4)
    x, y = next(iter(loader))
    assert x.shape == (4, 1, 28, 28) and y.shape == (4,)


def test_fashion_mnist_with_only_a_damaged_mirror_says_so(fashion_server, monkeypatch, tmp_path):
    monkeypatch.setenv('TINYNET_FASHION_MNIST_MIRROR', fashion_server.url('bad'))
    with pytest.raises(mnist.MNISTDownloadError, match='(?s)Fashion-MNIST file .* SHA-1 mismatch'):
        vision.FashionMNIST(train=False)
    assert [f for f in os.listdir(tmp_path / 'datasets' / 'fashion-mnist') if f != '.lock'] == []


def test_mnist_root_is_the_folder_that_keeps_the_files_as_in_mxnet(mnist_home, tmp_path):
    # MXNet's gluon.data.vision.MNIST('./data') keeps (or finds) the files in ./data
    own = tmp_path / 'mine'
    own.mkdir()
    for name in mnist.FILES:
        os.link(mnist_home / 'datasets' / 'mnist' / name, own / name)
    test = vision.MNIST(str(own), train=False)
    assert len(test) == 10000 and test[0][1] == 7
    with pytest.raises(mnist.MNISTDownloadError, match='empty'):
        vision.MNIST(str(tmp_path / 'empty'), train=False)     # nothing there, no mirror


def test_fashion_mnist_stand_in_takes_mnist_files_only_when_asked_and_says_so(
        mnist_home, monkeypatch):
    folder = mnist_home / 'datasets' / 'fashion-mnist'
    folder.mkdir()
    for name in mnist.FILES:
        os.link(mnist_home / 'datasets' / 'mnist' / name, folder / name)
    monkeypatch.setattr(mnist, 'FASHION_MIRRORS', [])
    monkeypatch.delenv(mnist.STAND_IN, raising=False)
    with pytest.raises(mnist.MNISTDownloadError, match='does not match its SHA-1'):
        vision.FashionMNIST(train=False)                   # MNIST's files are not Zalando's
    monkeypatch.setenv(mnist.STAND_IN, '1')
    with pytest.warns(UserWarning, match="MNIST's, used in their place"):
        test = vision.FashionMNIST(train=False)
    assert len(test) == 10000 and test[0][1] == 7
    (folder / 't10k-labels-idx1-ubyte.gz').write_bytes(b'not gzip')   # any other file: refused
    with pytest.raises(mnist.MNISTDownloadError, match='does not match its SHA-1'):
        vision.FashionMNIST(train=False)


def test_dataset_filter_shard_take_and_sample_as_mxnet():
    """MXNet 1.9.1's Dataset methods (its test_dataset_filter/_shard/_take): shards are
    contiguous and the first len % num_shards get one sample more."""
    data = mx.gluon.data.SimpleDataset(list(range(10)))
    assert list(data.filter(lambda x: x % 3 == 0)) == [0, 3, 6, 9]
    shards = [list(data.shard(3, i)) for i in range(3)]
    assert shards == [[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]]
    assert list(data.take(4)) == [0, 1, 2, 3] and len(data.take(None)) == 10
    assert len(data.take(20)) == 10
    assert list(data.sample(mx.gluon.data.SequentialSampler(3, 5))) == [5, 6, 7]
    pairs = mx.gluon.data.ArrayDataset(np.arange(6), np.arange(6) * 10).shard(2, 1)
    assert [(int(x), int(y)) for x, y in pairs] == [(3, 30), (4, 40), (5, 50)]
    with pytest.raises(ValueError, match='shard: index must be in'):
        data.shard(3, 3)


def test_gluon_utils_download_places_checks_and_keeps_files(tmp_path):
    """gluon.utils.download(url, path, sha1_hash) as MXNet's: into a folder or to a file name,
    checked by SHA-1, not fetched again when it is there, a clear error when it cannot be had."""
    import hashlib
    body = b'tinynet ' * 100
    served = []

    server = _serve({'/files/cat.jpg?raw=true': body}, served)
    try:
        url = 'http://127.0.0.1:%d/files/cat.jpg?raw=true' % server.server_address[1]
        digest = hashlib.sha1(body).hexdigest()
        path = mx.gluon.utils.download(url, path=str(tmp_path), sha1_hash=digest)
        assert path == str(tmp_path / 'cat.jpg') and (tmp_path / 'cat.jpg').read_bytes() == body
        assert mx.gluon.utils.download(url, path=str(tmp_path)) == path and len(served) == 1
        named = mx.gluon.utils.download(url, path=str(tmp_path / 'kitten.jpg'))
        assert (tmp_path / 'kitten.jpg').read_bytes() == body
        with pytest.raises(ValueError, match='does not have the SHA-1 0000'):
            mx.gluon.utils.download(url, path=str(tmp_path / 'x.jpg'), sha1_hash='0000')
        assert not (tmp_path / 'x.jpg').exists()
        with pytest.raises(OSError, match='could not fetch .*/missing.jpg'):
            mx.gluon.utils.download(url.replace('cat.jpg?raw=true', 'missing.jpg'),
                                    path=str(tmp_path), retries=1)
        assert not (tmp_path / 'missing.jpg').exists() and named.endswith('kitten.jpg')
    finally:
        server.shutdown()
        server.server_close()


def _serve(files, served=None):
    """A local server of {path: bytes}, appending each requested path to `served` when given;
    returns it (url: its base)."""
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            if served is not None:
                served.append(self.path)
            body = files.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.url = 'http://127.0.0.1:%d/' % server.server_address[1]
    return server


def _tar_gz(members):
    import io
    import tarfile
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode='w:gz') as tar:
        for name, body in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
    return out.getvalue()


@pytest.mark.parametrize('which', ['CIFAR10', 'CIFAR100'])
def test_cifar_downloads_mxnets_archive_unpacks_and_reads_the_binary_format(which, tmp_path,
                                                                            monkeypatch):
    """A small archive in CIFAR's binary format (label byte(s), then the red, green and blue
    planes) on a local server as MXNet's repository: the dataset fetches it, checks every SHA-1,
    and gives (H, W, 3) uint8 images and int32 labels."""
    rng = np.random.default_rng(0)
    cls = getattr(mx.gluon.data.vision, which)
    label_bytes = cls.label_bytes
    records = {}
    for name, _ in cls.train_files + cls.test_files:
        records[name] = rng.integers(0, 100, (3, 3072 + label_bytes)).astype(np.uint8)
    archive = _tar_gz({'cifar-batches-bin/' + n: r.tobytes() for n, r in records.items()})
    sha1 = lambda b: hashlib.sha1(b).hexdigest()                          # noqa: E731
    monkeypatch.setattr(cls, 'archive', (cls.archive[0], sha1(archive)))
    monkeypatch.setattr(cls, 'train_files', [(n, sha1(records[n].tobytes()))
                                             for n, _ in cls.train_files])
    monkeypatch.setattr(cls, 'test_files', [(n, sha1(records[n].tobytes()))
                                            for n, _ in cls.test_files])
    server = _serve({'/gluon/dataset/%s/%s' % (cls.namespace, cls.archive[0]): archive})
    monkeypatch.setenv('MXNET_GLUON_REPO', server.url)
    try:
        kwargs = {'fine_label': True} if which == 'CIFAR100' else {}
        test = cls(root=str(tmp_path / 'c'), train=False, **kwargs)
        first = records[cls.test_files[0][0]][0]
        image, label = test[0]
        assert len(test) == 3 and image.shape == (32, 32, 3) and image.dtype == np.uint8
        np.testing.assert_array_equal(image.asnumpy()[:, :, 1],
                                      first[label_bytes + 1024:label_bytes + 2048].reshape(32, 32))
        assert label == first[label_bytes - 1] and test._label.dtype == np.int32
        train = cls(root=str(tmp_path / 'c'), train=True, **kwargs)
        assert len(train) == 3 * len(cls.train_files)
    finally:
        server.shutdown()
        server.server_close()
    with pytest.raises(OSError, match='could not be downloaded'):
        monkeypatch.setenv('MXNET_GLUON_REPO', 'http://127.0.0.1:9/')
        cls(root=str(tmp_path / 'empty'))


def test_image_folder_dataset_reads_a_folder_per_class(tmp_path):
    pytest.importorskip('PIL')
    from PIL import Image
    rng = np.random.default_rng(1)
    for label, folder in enumerate(['cat', 'dog']):
        (tmp_path / folder).mkdir()
        for i in range(2):
            Image.fromarray(rng.integers(0, 255, (5, 7, 3)).astype(np.uint8)).save(
                tmp_path / folder / ('%d.png' % i))
    (tmp_path / 'dog' / 'notes.txt').write_text('not an image')
    with pytest.warns(UserWarning, match='Ignoring .*notes.txt'):
        dataset = mx.gluon.data.vision.ImageFolderDataset(str(tmp_path))
    assert dataset.synsets == ['cat', 'dog'] and len(dataset) == 4
    image, label = dataset[3]
    assert image.shape == (5, 7, 3) and label == 1
    np.testing.assert_array_equal(image.asnumpy(),
                                  np.asarray(Image.open(tmp_path / 'dog' / '1.png')))
    gray = mx.gluon.data.vision.ImageFolderDataset(str(tmp_path), flag=0)
    assert gray[0][0].shape == (5, 7, 1)
