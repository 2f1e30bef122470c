"""gluon.data.vision: the MNIST datasets and image transforms."""
from . import transforms  # noqa: F401
from .datasets import MNIST, FashionMNIST  # noqa: F401
