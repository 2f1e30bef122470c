"""mx.image: reading, resizing and cropping images (HWC NDArrays), as MXNet's `mx.image`.

    img = mx.image.imread('cat.jpg')                  # NDArray uint8 (H, W, 3), RGB
    small = mx.image.resize_short(img, 256)           # the shorter side 256, aspect kept
    crop, (x0, y0, w, h) = mx.image.random_crop(small, (224, 224))

Decoding a file (JPEG, PNG, ...) is Pillow's work (the `pictures` extra); MXNet uses OpenCV.
Resizing is ours, in NumPy, with OpenCV's conventions (a destination pixel x samples the source at
(x + 0.5) * scale - 0.5): interp=0 nearest, 1 bilinear, 2 bicubic (resize_short's default), 3
area; results agree with MXNet's to within a rounding step on uint8 images (OpenCV computes them
in fixed point). MXNet's other codes (4 Lanczos, 9, 10) are bicubic here.
"""
import math
import random as _random

import numpy as np

from .ndarray import NDArray, array as nd_array


def _pillow(what):
    try:
        from PIL import Image
    except ImportError:
        raise ImportError('mx.image.%s decodes images with Pillow, which is not installed: '
                          'pip install -e ".[pictures]" (or pip install Pillow)' % what) from None
    return Image


def _decoded(image, flag, to_rgb):
    """A Pillow image as MXNet gives it: uint8 (H, W, 3) RGB (BGR when to_rgb=False), or
    (H, W, 1) when flag=0."""
    pixels = np.asarray(image.convert('RGB'), dtype=np.uint8)
    if flag == 0:
        # grey as MXNet (OpenCV) decodes it: BT.601 weights in 14-bit fixed point, truncated
        weights = np.array([4899, 9617, 1868], dtype=np.int64)
        grey = (pixels.astype(np.int64) @ weights) >> 14
        return nd_array(grey.astype(np.uint8)[:, :, None], dtype='uint8')
    return nd_array(pixels if to_rgb else pixels[:, :, ::-1], dtype='uint8')


def imread(filename, flag=1, to_rgb=True, out=None):
    """The image in `filename` as an NDArray uint8 (H, W, C). flag=1 (MXNet's default): 3
    channels; flag=0: grayscale, 1 channel. to_rgb=True (default): channels in RGB order (False:
    BGR, OpenCV's). A missing or undecodable file is an error naming it."""
    import os
    Image = _pillow('imread')
    if not os.path.isfile(filename):
        raise FileNotFoundError('mx.image.imread: no such file: %r' % (filename,))
    try:
        with Image.open(filename) as image:
            image.load()
            result = _decoded(image, flag, to_rgb)
    except OSError as err:
        raise ValueError('mx.image.imread: %r is not an image Pillow can decode (%s)'
                         % (filename, err)) from None
    return _into(out, result)


def imdecode(buf, flag=1, to_rgb=True, out=None):
    """An encoded image (the bytes of a JPEG, PNG, ... file; bytes, bytearray or a uint8 array)
    as an NDArray uint8 (H, W, C); flag and to_rgb as in imread."""
    import io
    Image = _pillow('imdecode')
    if isinstance(buf, NDArray):
        buf = buf.asnumpy()
    data = bytes(np.asarray(buf, dtype=np.uint8).tobytes() if isinstance(buf, np.ndarray) else buf)
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            result = _decoded(image, flag, to_rgb)
    except OSError as err:
        raise ValueError('mx.image.imdecode: the %d bytes are not an image Pillow can decode (%s)'
                         % (len(data), err)) from None
    return _into(out, result)


def _into(out, result):
    if out is None:
        return result
    out[:] = result
    return out


def _check_image(src, what):
    if not isinstance(src, NDArray):
        raise TypeError('mx.image.%s: src must be an NDArray image (H, W, C), got %s'
                        % (what, type(src).__name__))
    if src.ndim != 3:
        raise ValueError('mx.image.%s: src must be an image (H, W, C), got shape %s'
                         % (what, src.shape))
    return src.asnumpy()


def _linear_weights(size_out, size_in):
    """Bilinear: output pixel i samples the source at x = (i + 0.5) * in / out - 0.5 (OpenCV's
    pixel-centre convention), clamped to the image, from its two neighbours."""
    x = np.clip((np.arange(size_out) + 0.5) * (size_in / size_out) - 0.5, 0, size_in - 1)
    low = np.floor(x).astype(np.int64)
    frac = x - low
    weights = np.zeros((size_out, size_in))
    np.add.at(weights, (np.arange(size_out), low), 1 - frac)
    np.add.at(weights, (np.arange(size_out), np.minimum(low + 1, size_in - 1)), frac)
    return weights


def _cubic_weights(size_out, size_in, a=-0.75):
    """Bicubic (OpenCV's Keys kernel, a = -0.75): four neighbours around the same x as bilinear
    (not clamped; neighbours past the edge repeat the edge pixel)."""
    x = (np.arange(size_out) + 0.5) * (size_in / size_out) - 0.5
    low = np.floor(x).astype(np.int64)
    t = x - low
    taps = [((a * (t + 1) - 5 * a) * (t + 1) + 8 * a) * (t + 1) - 4 * a,
            ((a + 2) * t - (a + 3)) * t * t + 1,
            ((a + 2) * (1 - t) - (a + 3)) * (1 - t) * (1 - t) + 1]
    taps.append(1 - taps[0] - taps[1] - taps[2])
    weights = np.zeros((size_out, size_in))
    for k, w in enumerate(taps):
        np.add.at(weights, (np.arange(size_out), np.clip(low - 1 + k, 0, size_in - 1)), w)
    return weights


def _area_weights(size_out, size_in):
    """Area (shrinking): output pixel i is the mean of the source interval [i, i + 1) * in / out,
    partly covered pixels counted by how much of them it covers. Enlarging: bilinear."""
    if size_out >= size_in:
        return _linear_weights(size_out, size_in)
    scale = size_in / size_out
    edges = np.arange(size_in + 1)
    start, stop = np.arange(size_out)[:, None] * scale, (np.arange(size_out)[:, None] + 1) * scale
    overlap = np.clip(np.minimum(stop, edges[None, 1:]) - np.maximum(start, edges[None, :-1]), 0,
                      None)
    return overlap / scale


def _nearest_weights(size_out, size_in):
    """Nearest neighbour: output pixel i is source pixel floor(i * in / out), as OpenCV's."""
    weights = np.zeros((size_out, size_in))
    source = np.minimum((np.arange(size_out) * (size_in / size_out)).astype(np.int64), size_in - 1)
    weights[np.arange(size_out), source] = 1
    return weights


# MXNet's interp codes (OpenCV's): 0 nearest, 1 bilinear, 2 bicubic, 3 area; 4 (Lanczos) and
# the rest are bicubic here
_WEIGHTS = {0: _nearest_weights, 1: _linear_weights, 2: _cubic_weights, 3: _area_weights}


def resize_pixels(pixels, w, h, interp=1):
    """A NumPy image (H, W, C) resized to (h, w, C), in its own dtype (integers rounded and
    clipped to their range). Every method is separable: a weight matrix along the rows and one
    along the columns, `out = rows @ image @ columns.T` per channel."""
    method = _WEIGHTS.get(interp, _cubic_weights)
    rows = method(h, pixels.shape[0]).astype(np.float32)
    columns = method(w, pixels.shape[1]).astype(np.float32)
    out = np.einsum('ij,jkc,lk->ilc', rows, pixels.astype(np.float32), columns, optimize=True)
    if np.issubdtype(pixels.dtype, np.integer):
        info = np.iinfo(pixels.dtype)
        out = np.clip(np.rint(out), info.min, info.max)
    return out.astype(pixels.dtype)


def imresize(src, w, h, interp=1, out=None):
    """src (H, W, C) resized to width `w` and height `h` (note the order, MXNet's); interp=1
    bilinear (see the module's docstring for the others)."""
    pixels = _check_image(src, 'imresize')
    if int(w) <= 0 or int(h) <= 0:
        raise ValueError('mx.image.imresize: w and h must be positive, got w=%r h=%r' % (w, h))
    result = nd_array(resize_pixels(pixels, int(w), int(h), interp), ctx=src.context,
                      dtype=src.dtype)
    return _into(out, result)


def scale_down(src_size, size):
    """(w, h) of `size` scaled down, aspect kept, until it fits into `src_size` (w, h)."""
    w, h = size
    sw, sh = src_size
    if sh < h:
        w, h = float(w * sh) / h, sh
    if sw < w:
        w, h = sw, float(h * sw) / w
    return int(w), int(h)


def resize_short(src, size, interp=2):
    """src resized so that its shorter side is `size`, the aspect ratio kept (MXNet's rounding:
    the longer side becomes int(longer * size / shorter))."""
    h, w = _check_image(src, 'resize_short').shape[:2]
    if h > w:
        new_w, new_h = size, size * h // w
    else:
        new_w, new_h = size * w // h, size
    return imresize(src, new_w, new_h, interp=interp)


def fixed_crop(src, x0, y0, w, h, size=None, interp=2):
    """The w x h region of src whose top-left corner is (x0, y0), resized to `size` (w, h) when
    given."""
    pixels = _check_image(src, 'fixed_crop')
    height, width = pixels.shape[:2]
    if x0 < 0 or y0 < 0 or w <= 0 or h <= 0 or x0 + w > width or y0 + h > height:
        raise ValueError('mx.image.fixed_crop: the region x0=%d y0=%d w=%d h=%d is not inside the '
                         'image of width %d and height %d' % (x0, y0, w, h, width, height))
    out = nd_array(pixels[y0:y0 + h, x0:x0 + w], ctx=src.context, dtype=src.dtype)
    if size is not None and (w, h) != tuple(size):
        out = imresize(out, size[0], size[1], interp=interp)
    return out


def random_crop(src, size, interp=2):
    """A crop of `size` (w, h) at a random place (scaled down first if the image is smaller);
    returns (crop, (x0, y0, w, h)). Python's `random` picks the place, as in MXNet."""
    h, w = _check_image(src, 'random_crop').shape[:2]
    new_w, new_h = scale_down((w, h), size)
    x0 = _random.randint(0, w - new_w)
    y0 = _random.randint(0, h - new_h)
    return fixed_crop(src, x0, y0, new_w, new_h, size, interp), (x0, y0, new_w, new_h)


def random_size_crop(src, size, area, ratio, interp=2, **kwargs):
    """A crop of random area (a fraction in `area` = (min, max), or a number: (it, 1.0)) and
    aspect ratio (log-uniform in `ratio` = (min, max) of width / height), resized to `size`
    (w, h); ten tries, then the center crop (MXNet's). Returns (crop, (x0, y0, w, h)). Python's
    `random` draws, as in MXNet. min_area= is MXNet's older name for area."""
    h, w = _check_image(src, 'random_size_crop').shape[:2]
    if 'min_area' in kwargs:
        area = kwargs.pop('min_area')
    if kwargs:
        raise TypeError('mx.image.random_size_crop: unknown argument(s) %s' % sorted(kwargs))
    if isinstance(area, (int, float)):
        area = (area, 1.0)
    for _ in range(10):
        target_area = _random.uniform(area[0], area[1]) * h * w
        new_ratio = math.exp(_random.uniform(math.log(ratio[0]), math.log(ratio[1])))
        new_w = int(round(math.sqrt(target_area * new_ratio)))
        new_h = int(round(math.sqrt(target_area / new_ratio)))
        if 0 < new_w <= w and 0 < new_h <= h:
            x0 = _random.randint(0, w - new_w)
            y0 = _random.randint(0, h - new_h)
            return fixed_crop(src, x0, y0, new_w, new_h, size, interp), (x0, y0, new_w, new_h)
    return center_crop(src, size, interp)


def center_crop(src, size, interp=2):
    """The central crop of `size` (w, h) (scaled down first if the image is smaller); returns
    (crop, (x0, y0, w, h))."""
    h, w = _check_image(src, 'center_crop').shape[:2]
    new_w, new_h = scale_down((w, h), size)
    x0, y0 = (w - new_w) // 2, (h - new_h) // 2
    return fixed_crop(src, x0, y0, new_w, new_h, size, interp), (x0, y0, new_w, new_h)


def color_normalize(src, mean, std=None):
    """(src - mean) / std, per channel (mean and std broadcast over (H, W, C))."""
    src = src - mean
    if std is not None:
        src = src / std
    return src
