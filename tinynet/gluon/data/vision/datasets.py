"""MNIST and Fashion-MNIST as Gluon datasets: sample i is (image, label), the image an NDArray of
uint8 (28, 28, 1) (height, width, channel), the label an int32. The files come through the same
verified, cached, mirrored downloader as mx.test_utils.get_mnist (tinynet/datasets/mnist.py)."""
import numpy as np

from ....datasets import mnist as _mnist
from ....ndarray import array
from ..dataset import Dataset


class MNIST(Dataset):
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

    def __len__(self):
        return len(self._label)

    def __getitem__(self, idx):
        data, label = self._data[idx], self._label[idx]
        if self._transform is not None:
            return self._transform(data, label)
        return data, label


class FashionMNIST(MNIST):
    """Zalando's Fashion-MNIST (clothes in MNIST's format); files verified by MXNet's SHA-1s."""
    source = _mnist.FASHION_MNIST
