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


# ----- colour and crop augmentations (MXNet's image ops: HWC images, one random draw per
# call; a uint8 result is clipped to [0, 255] and truncated, as MXNet's saturate_cast)

_GRAY = np.array([0.299, 0.587, 0.114], dtype=np.float32)     # luma weights of R, G, B


def _adjusted(x, values):
    """`values` (float32 pixels) as x's kind of array: a uint8 image clipped and truncated."""
    if x.dtype == np.uint8:
        values = np.clip(values, 0, 255)
    return nd.array(values.astype(x.dtype), ctx=x.context, dtype=x.dtype)


def adjust_brightness(x, alpha):
    """x alpha."""
    return _adjusted(x, x.asnumpy().astype(np.float32) * np.float32(alpha))


def adjust_contrast(x, alpha):
    """x alpha + (1 - alpha) gray_mean, gray_mean the image's mean luma (the mean itself for
    one channel)."""
    pixels = x.asnumpy().astype(np.float32)
    gray = (pixels @ _GRAY).mean() if pixels.shape[-1] == 3 else pixels.mean()
    return _adjusted(x, pixels * np.float32(alpha) + np.float32((1 - alpha) * gray))


def adjust_saturation(x, alpha):
    """x alpha + (1 - alpha) luma, per pixel (a one-channel image is unchanged). MXNet 1.9's
    kernel takes the blue channel's share of the luma for the whole luma (a bug in its loop);
    tinynet uses the luma."""
    pixels = x.asnumpy().astype(np.float32)
    if pixels.shape[-1] != 3:
        return x.copy()
    gray = (pixels @ _GRAY)[..., None]
    return _adjusted(x, pixels * np.float32(alpha) + gray * np.float32(1 - alpha))


# AlexNet's PCA of ImageNet's RGB: eigenvalue times eigenvector, as MXNet's random_lighting
_EIG = np.array([[55.46 * -0.5675, 4.794 * 0.7192, 1.148 * 0.4009],
                 [55.46 * -0.5808, 4.794 * -0.0045, 1.148 * -0.8140],
                 [55.46 * -0.5836, 4.794 * -0.6948, 1.148 * 0.4203]], dtype=np.float32)


def adjust_lighting(x, alpha):
    """x + eig alpha per pixel, alpha three numbers (AlexNet's PCA noise); one channel: x."""
    pixels = x.asnumpy().astype(np.float32)
    if pixels.shape[-1] != 3:
        return x.copy()
    return _adjusted(x, pixels + _EIG @ np.asarray(alpha, dtype=np.float32))


_HLS_SECTORS = np.array([[1, 3, 0], [1, 0, 2], [3, 0, 1], [0, 2, 1], [0, 1, 3], [2, 1, 0]])


def adjust_hue(x, alpha):
    """Each pixel's hue turned by alpha x 360 degrees, through HLS and back (MXNet's
    AdjustHue: the standard RGB <-> HLS conversion on values / 255); one channel: x."""
    pixels = x.asnumpy().astype(np.float32)
    if pixels.shape[-1] != 3:
        return x.copy()
    r, g, b = np.moveaxis(pixels / np.float32(255), -1, 0)
    vmax, vmin = np.maximum(np.maximum(r, g), b), np.minimum(np.minimum(r, g), b)
    diff, light = vmax - vmin, (vmax + vmin) * np.float32(0.5)
    chromatic = diff > np.finfo(np.float32).eps
    safe = np.where(chromatic, diff, 1)
    sat = np.where(chromatic, np.where(light < 0.5, diff / np.maximum(vmax + vmin, 1e-30),
                                       diff / np.maximum(2 - vmax - vmin, 1e-30)), 0)
    scale = np.float32(60) / safe
    hue = np.where(vmax == r, (g - b) * scale,
                   np.where(vmax == g, (b - r) * scale + 120, (r - g) * scale + 240))
    hue = np.where(chromatic, np.where(hue < 0, hue + 360, hue), 0) + np.float32(alpha * 360)
    # back to RGB
    p2 = np.where(light <= 0.5, light * (1 + sat), light + sat - light * sat)
    p1 = 2 * light - p2
    h6 = np.mod(hue / np.float32(60), 6)
    sector = np.minimum(h6.astype(np.int64), 5)
    frac = h6 - sector
    table = np.stack([p2, p1, p1 + (p2 - p1) * (1 - frac), p1 + (p2 - p1) * frac])
    picks = _HLS_SECTORS[sector]                             # (..., 3): b, g, r positions
    b2, g2, r2 = (np.take_along_axis(table, picks[..., k][None], 0)[0] for k in range(3))
    rgb = np.where((sat != 0)[..., None], np.stack([r2, g2, b2], axis=-1),
                   light[..., None]) * np.float32(255)
    return _adjusted(x, rgb)


class _RandomFactor(Block):
    """A colour change by a factor drawn uniformly from [max(0, 1 - amount), 1 + amount]."""
    adjust = None

    def __init__(self, amount):
        super().__init__()
        if amount < 0:
            raise ValueError('%s: the amount must be >= 0, got %r' % (type(self).__name__, amount))
        self._args = (max(0.0, 1.0 - amount), 1.0 + amount)

    def forward(self, x):
        from .... import rng
        if x.ndim not in (3, 4):
            raise ValueError('%s: expects an image (H, W, C) or a batch (N, H, W, C), got shape %s'
                             % (type(self).__name__, x.shape))
        return type(self).adjust(x, rng.generator().uniform(*self._args))


class RandomBrightness(_RandomFactor):
    """RandomBrightness(brightness): x alpha, alpha uniform in [max(0, 1 - brightness),
    1 + brightness]."""
    adjust = staticmethod(adjust_brightness)


class RandomContrast(_RandomFactor):
    """RandomContrast(contrast): x alpha + (1 - alpha) mean luma, alpha uniform in
    [max(0, 1 - contrast), 1 + contrast]."""
    adjust = staticmethod(adjust_contrast)


class RandomSaturation(_RandomFactor):
    """RandomSaturation(saturation): x alpha + (1 - alpha) luma of each pixel, alpha uniform in
    [max(0, 1 - saturation), 1 + saturation]."""
    adjust = staticmethod(adjust_saturation)


class RandomHue(_RandomFactor):
    """RandomHue(hue): each pixel's hue turned by alpha x 360 degrees, alpha uniform in
    [max(0, 1 - hue), 1 + hue] (MXNet's range: a full turn, give or take hue x 360)."""
    adjust = staticmethod(adjust_hue)


class RandomLighting(Block):
    """RandomLighting(alpha): AlexNet's PCA lighting noise, x + eig a with a ~ N(0, alpha^2)
    for each of the three components."""

    def __init__(self, alpha):
        super().__init__()
        self._alpha = alpha

    def forward(self, x):
        from .... import rng
        return adjust_lighting(x, rng.generator().normal(0.0, self._alpha, 3))


class RandomColorJitter(Block):
    """RandomColorJitter(brightness=0, contrast=0, saturation=0, hue=0): the colour changes
    whose amount is not 0, in a random order."""

    def __init__(self, brightness=0, contrast=0, saturation=0, hue=0):
        super().__init__()
        self._steps = [cls(amount) for cls, amount in ((RandomBrightness, brightness),
                                                       (RandomContrast, contrast),
                                                       (RandomSaturation, saturation),
                                                       (RandomHue, hue)) if amount]

    def forward(self, x):
        from .... import rng
        for i in rng.generator().permutation(len(self._steps)):
            x = self._steps[i](x)
        return x


class RandomResizedCrop(Block):
    """RandomResizedCrop(size, scale=(0.08, 1.0), ratio=(3/4, 4/3), interpolation=1): a crop of
    random area (a fraction in scale of the image's) and aspect ratio (width / height,
    log-uniform in ratio), resized to size (an int: square; or (width, height)), as
    mx.image.random_size_crop; an image (H, W, C)."""

    def __init__(self, size, scale=(0.08, 1.0), ratio=(3.0 / 4.0, 4.0 / 3.0), interpolation=1):
        super().__init__()
        size = (size, size) if isinstance(size, (int, np.integer)) else tuple(size)
        self._args = (size, scale, ratio, interpolation)

    def forward(self, x):
        from .... import image
        return image.random_size_crop(x, *self._args)[0]


class CropResize(Block):
    """CropResize(x, y, width, height, size=None, interpolation=None): the width x height region
    whose top-left corner is (x, y), resized to size (an int or (width, height)) when given."""

    def __init__(self, x, y, width, height, size=None, interpolation=None):
        super().__init__()
        self._box = (x, y, width, height)
        self._size = (size, size) if isinstance(size, (int, np.integer)) else size
        self._interpolation = 1 if interpolation is None else interpolation

    def forward(self, img):
        from .... import image
        if img.ndim == 3:
            return image.fixed_crop(img, *self._box, size=self._size, interp=self._interpolation)
        return nd.stack(*[image.fixed_crop(one, *self._box, size=self._size,
                                           interp=self._interpolation) for one in img], axis=0)



class RandomApply(Block):
    """RandomApply(transforms, p=0.5): `transforms` (a block) applied with probability p, else
    the input unchanged."""

    def __init__(self, transforms, p=0.5):
        super().__init__()
        self.transforms, self.p = transforms, p

    def forward(self, x):
        from .... import rng
        return self.transforms(x) if rng.generator().random() < self.p else x
