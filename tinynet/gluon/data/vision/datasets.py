"""Gluon's vision datasets: sample i is (image, label), the image an NDArray of uint8 (height,
width, channel), the label an int32.

MNIST, Fashion-MNIST: (28, 28, 1); the files come through the same verified, cached, mirrored
downloader as mx.test_utils.get_mnist (tinynet/datasets/mnist.py).
CIFAR10, CIFAR100: (32, 32, 3), from MXNet's archive of the binary version (its SHA-1s).
ImageFolderDataset: the images of root/<class>/<file>, read with mx.image.imread.
"""
import os
import tarfile
import warnings

import numpy as np

from ....datasets import mnist as _mnist
from ....ndarray import array
from ..dataset import Dataset

REPO_URL = 'https://apache-mxnet.s3-accelerate.dualstack.amazonaws.com/'


class _InMemory(Dataset):
    """What the datasets held in memory share: sample i is (_data[i], _label[i]), through
    _transform when there is one."""

    def __len__(self):
        return len(self._label)

    def __getitem__(self, idx):
        data, label = self._data[idx], self._label[idx]
        if self._transform is not None:
            return self._transform(data, label)
        return data, label


class MNIST(_InMemory):
    """MNIST's train (train=True, 60000) or test (10000) split. root: the folder to keep the four
    files in, fetched there (verified, from the mirrors) when missing, as MXNet's root is (default
    $TINYNET_HOME/datasets/mnist; MXNet's is ~/.mxnet/datasets/mnist); transform: a function
    (data, label) -> (data, label) applied to each sample (MXNet's default None)."""
    source = _mnist.MNIST

    def __init__(self, root=None, train=True, transform=None):
        self._train, self._transform = train, transform
        images, labels = _mnist.load_split(train, source=self.source, folder=root)
        self._data = array(images.reshape(images.shape + (1,)), dtype=np.uint8)
        self._label = labels


class FashionMNIST(MNIST):
    """Zalando's Fashion-MNIST (clothes in MNIST's format); files verified by MXNet's SHA-1s."""
    source = _mnist.FASHION_MNIST


class CIFAR10(_InMemory):
    """CIFAR-10's train (train=True, 50000 images in 5 files) or test (10000) split, 10 classes.
    root: the folder to keep the files in (default $TINYNET_HOME/datasets/cifar10; MXNet's is
    ~/.mxnet/datasets/cifar10); when a file is missing or damaged, MXNet's archive
    cifar-10-binary.tar.gz is downloaded there ($MXNET_GLUON_REPO, checked by its SHA-1) and
    unpacked. transform: a function (data, label) -> (data, label) (default None)."""
    archive = ('cifar-10-binary.tar.gz', 'fab780a1e191a7eda0f345501ccd62d20f7ed891')
    train_files = [('data_batch_1.bin', 'aadd24acce27caa71bf4b10992e9e7b2d74c2540'),
                   ('data_batch_2.bin', 'c0ba65cce70568cd57b4e03e9ac8d2a5367c1795'),
                   ('data_batch_3.bin', '1dd00a74ab1d17a6e7d73e185b69dbf31242f295'),
                   ('data_batch_4.bin', 'aab85764eb3584312d3c7f65fd2fd016e36a258e'),
                   ('data_batch_5.bin', '26e2849e66a845b7f1e4614ae70f4889ae604628')]
    test_files = [('test_batch.bin', '67eb016db431130d61cd03c7ad570b013799c88c')]
    namespace = 'cifar10'
    label_bytes = 1         # each record: label byte(s), then 3 x 32 x 32 pixels (RGB planes)

    def __init__(self, root=None, train=True, transform=None):
        self._root = os.path.expanduser(root or os.path.join(
            _mnist.data_home(), 'datasets', self.namespace))
        self._train, self._transform = train, transform
        self._fetch()
        parts = [self._read(os.path.join(self._root, name))
                 for name, _ in (self.train_files if train else self.test_files)]
        self._data = array(np.concatenate([d for d, _ in parts]), dtype=np.uint8)
        self._label = np.concatenate([label for _, label in parts])

    def _fetch(self):
        from ...utils import check_sha1, download
        files = self.train_files + self.test_files
        if all(os.path.exists(os.path.join(self._root, n)) and
               check_sha1(os.path.join(self._root, n), sha1) for n, sha1 in files):
            return
        os.makedirs(self._root, exist_ok=True)
        repo = os.environ.get('MXNET_GLUON_REPO', REPO_URL).rstrip('/') + '/'
        url = '%sgluon/dataset/%s/%s' % (repo, self.namespace, self.archive[0])
        try:
            path = download(url, path=os.path.join(self._root, self.archive[0]),
                            sha1_hash=self.archive[1])
        except (OSError, ValueError) as err:
            raise OSError('%s: the files %s are not in %s, and the archive could not be '
                          'downloaded (%s); put %s (SHA-1 %s) there, or its files'
                          % (type(self).__name__, [n for n, _ in files], self._root, err,
                             self.archive[0], self.archive[1])) from None
        with tarfile.open(path) as tar:
            members = [m for m in tar.getmembers() if m.isfile() and
                       os.path.basename(m.name) in dict(files)]
            for member in members:        # the .bin files only, flat in root (never a path
                member.name = os.path.basename(member.name)     # outside it)
                tar.extract(member, self._root)
        for name, sha1 in files:
            if not check_sha1(os.path.join(self._root, name), sha1):
                raise OSError('%s: %s from %s does not have the SHA-1 %s'
                              % (type(self).__name__, name, path, sha1))

    def _read(self, path):
        """(images (n, 32, 32, 3) uint8, labels (n,) int32) of one binary file."""
        raw = np.fromfile(path, dtype=np.uint8).reshape(-1, 3072 + self.label_bytes)
        images = raw[:, self.label_bytes:].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)
        return images, raw[:, self._label_column()].astype(np.int32)

    def _label_column(self):
        return 0


class CIFAR100(CIFAR10):
    """CIFAR-100: like CIFAR10 (root default $TINYNET_HOME/datasets/cifar100), with
    fine_label=False (default: the 20 coarse classes) or True (the 100 fine ones)."""
    archive = ('cifar-100-binary.tar.gz', 'a0bb982c76b83111308126cc779a992fa506b90b')
    train_files = [('train.bin', 'e207cd2e05b73b1393c74c7f5e7bea451d63e08e')]
    test_files = [('test.bin', '8fb6623e830365ff53cf14adec797474f5478006')]
    namespace = 'cifar100'
    label_bytes = 2         # coarse label, fine label

    def __init__(self, root=None, fine_label=False, train=True, transform=None):
        self._fine_label = fine_label
        super().__init__(root, train, transform)

    def _label_column(self):
        return 1 if self._fine_label else 0


class ImageFolderDataset(Dataset):
    """The images under root/<class name>/, one class per folder (in sorted order: label i is
    synsets[i]); sample i is (mx.image.imread(file, flag), label). flag: 1 (default) colour
    (H, W, 3), 0 greyscale (H, W, 1). transform: (data, label) -> (data, label) (default None).
    Files not ending in .jpg, .jpeg or .png are skipped with a warning, as MXNet's. Attributes:
    synsets (the class names), items ([(path, label)])."""

    def __init__(self, root, flag=1, transform=None):
        self._root = os.path.expanduser(root)
        if not os.path.isdir(self._root):
            raise FileNotFoundError('ImageFolderDataset: %s is not a folder' % self._root)
        self._flag, self._transform = flag, transform
        self._exts = ['.jpg', '.jpeg', '.png']
        self.synsets, self.items = [], []
        for folder in sorted(os.listdir(self._root)):
            path = os.path.join(self._root, folder)
            if not os.path.isdir(path):
                warnings.warn('Ignoring %s, which is not a directory.' % path, stacklevel=2)
                continue
            label = len(self.synsets)
            self.synsets.append(folder)
            for filename in sorted(os.listdir(path)):
                filename = os.path.join(path, filename)
                ext = os.path.splitext(filename)[1]
                if ext.lower() not in self._exts:
                    warnings.warn('Ignoring %s of type %s. Only support %s'
                                  % (filename, ext, ', '.join(self._exts)))
                    continue
                self.items.append((filename, label))

    def __getitem__(self, idx):
        from ....image import imread
        data = imread(self.items[idx][0], self._flag)
        label = self.items[idx][1]
        if self._transform is not None:
            return self._transform(data, label)
        return data, label

    def __len__(self):
        return len(self.items)
