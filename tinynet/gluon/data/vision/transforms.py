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


def _images(x, what):
    """x as a NumPy batch (N, H, W, C) and whether it was one image (H, W, C)."""
    if x.ndim not in (3, 4):
        raise ValueError('%s: expects an image (H, W, C) or a batch (N, H, W, C), got shape %s'
                         % (what, x.shape))
    pixels = x.asnumpy()
    return (pixels[None], True) if x.ndim == 3 else (pixels, False)


def _as_output(pixels, single, like):
    return nd.array(pixels[0] if single else pixels, ctx=like.context, dtype=like.dtype)


class Resize(Block):
    """Resize(size, keep_ratio=False, interpolation=1): an image (H, W, C) or batch (N, H, W, C)
    resized. size: an int (a square size x size; with keep_ratio=True the shorter side becomes
    size and the other keeps the aspect ratio) or (width, height). interpolation as mx.image's
    (1: bilinear, 0: nearest). The dtype is kept (uint8 stays uint8)."""

    def __init__(self, size, keep_ratio=False, interpolation=1):
        super().__init__()
        sizes = (size,) if isinstance(size, (int, np.integer)) else tuple(size)
        if len(sizes) not in (1, 2) or any(int(s) <= 0 for s in sizes):
            raise ValueError('Resize: size must be a positive int or (width, height), got %r'
                             % (size,))
        self._size, self._keep, self._interpolation = sizes, keep_ratio, interpolation

    def _target(self, h, w):
        if len(self._size) == 2:
            return self._size[1], self._size[0]
        size = int(self._size[0])
        if not self._keep:
            return size, size
        return (size * h // w, size) if h > w else (size, size * w // h)

    def forward(self, x):
        from ....image import resize_pixels
        pixels, single = _images(x, 'Resize')
        h, w = self._target(*pixels.shape[1:3])
        return _as_output(np.stack([resize_pixels(p, w, h, self._interpolation) for p in pixels]),
                          single, x)


class CenterCrop(Block):
    """CenterCrop(size, interpolation=1): the central crop of size (width, height) (an int: a
    square) of an image (H, W, C) or batch, scaled down first when the image is smaller, as
    mx.image.center_crop."""

    def __init__(self, size, interpolation=1):
        super().__init__()
        self._size = (size, size) if isinstance(size, (int, np.integer)) else tuple(size)
        self._interpolation = interpolation

    def forward(self, x):
        from .... import image
        if x.ndim == 3:
            return image.center_crop(x, self._size, self._interpolation)[0]
        return nd.stack(*[image.center_crop(one, self._size, self._interpolation)[0]
                          for one in x], axis=0)


class RandomFlipLeftRight(Block):
    """An image (H, W, C) or batch flipped left-right with probability 0.5 (tinynet's generator:
    mx.random.seed fixes the draws)."""

    def forward(self, x):
        from .... import rng
        if rng.generator().random() < 0.5:
            return nd.flip(x, axis=x.ndim - 2)
        return x


class RandomFlipTopBottom(Block):
    """An image (H, W, C) or batch flipped top-bottom with probability 0.5."""

    def forward(self, x):
        from .... import rng
        if rng.generator().random() < 0.5:
            return nd.flip(x, axis=x.ndim - 3)
        return x
