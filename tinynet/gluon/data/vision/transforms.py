"""Image transforms for the vision datasets, as blocks (MXNet Gluon's transforms)."""
import numpy as np

from .... import ndarray as nd
from ...block import Block


class Compose(Block):
    """The transforms one after the other."""

    def __init__(self, transforms):
        super().__init__()
        self._transforms = list(transforms)

    def forward(self, x):
        for t in self._transforms:
            x = t(x)
        return x


class ToTensor(Block):
    """An image (H, W, C) or batch (N, H, W, C) of uint8 in [0, 255] -> float32 (C, H, W) or
    (N, C, H, W) in [0, 1]."""

    def forward(self, x):
        x = x.astype('float32') / 255.0
        return x.transpose((2, 0, 1)) if x.ndim == 3 else x.transpose((0, 3, 1, 2))


class Normalize(Block):
    """(x - mean) / std per channel, for (C, H, W) or (N, C, H, W) float tensors."""

    def __init__(self, mean=0.0, std=1.0):
        super().__init__()
        self._mean = np.asarray(mean, dtype=np.float32).reshape(-1)
        self._std = np.asarray(std, dtype=np.float32).reshape(-1)
        if (self._std <= 0).any():
            raise ValueError('Normalize: std must be positive, got %s' % (std,))

    def forward(self, x):
        shape = (-1, 1, 1) if x.ndim == 3 else (1, -1, 1, 1)
        mean = nd.array(self._mean.reshape(shape) if self._mean.size > 1 else self._mean[:1],
                        ctx=x.context, dtype=x.dtype)
        std = nd.array(self._std.reshape(shape) if self._std.size > 1 else self._std[:1],
                       ctx=x.context, dtype=x.dtype)
        return (x - mean) / std


class Cast(Block):
    """Cast(dtype='float32'): a transform giving its input in `dtype`."""
    def __init__(self, dtype='float32'):
        super().__init__()
        self._dtype = dtype

    def forward(self, x):
        return x.astype(self._dtype)
