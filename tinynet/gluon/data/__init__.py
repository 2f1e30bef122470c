"""gluon.data: datasets, samplers and the DataLoader; vision/ has MNIST, Fashion-MNIST, transforms."""
from . import vision  # noqa: F401
from .dataloader import DataLoader  # noqa: F401
from .dataset import ArrayDataset, Dataset, SimpleDataset  # noqa: F401
from .sampler import BatchSampler, RandomSampler, Sampler, SequentialSampler  # noqa: F401
