"""gluon.data.vision: the datasets (MNIST, Fashion-MNIST, CIFAR-10/100, a folder of images) and
the image transforms."""
from . import transforms  # noqa: F401
from .datasets import (CIFAR10, CIFAR100, MNIST, FashionMNIST,  # noqa: F401
                       ImageFolderDataset)
from . import datasets  # noqa: F401
