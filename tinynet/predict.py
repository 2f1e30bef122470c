"""Recognise your own handwriting with a trained checkpoint.

    python -m tinynet.predict --prefix lenet --epoch 10 digit.png photo.jpg
    digit.png: 7 (0.981) 1 (0.012) 9 (0.003)

Any photo or scan of one digit is first put into MNIST's form (`to_mnist`): grayscale; inverted if
the ink is darker than the paper (MNIST is light ink on black); cropped to the ink; scaled so its
longer side is 20 pixels; placed in a 28 x 28 image with its centre of mass in the middle.
Needs Pillow (pip install -e ".[pictures]" in tinynet's checkout, or pip install Pillow).
"""
import argparse
import sys

import numpy as np

from .util import command_error


class ImageError(ValueError):
    """A file that cannot be turned into a digit image; the message is one line for the user."""


def _pillow():
    """Pillow's Image module (an optional extra), or one clear error saying how to install it."""
    try:
        from PIL import Image
    except ImportError:
        raise ImageError('Pillow is needed to read images: pip install -e ".[pictures]" in '
                         "tinynet's checkout (or pip install Pillow)") from None
    return Image


MAX_PIXELS = 40_000_000      # a photo of a digit needs far fewer; more is a decompression bomb


def _open_gray(path):
    Image = _pillow()
    from PIL import ImageOps, UnidentifiedImageError
    try:
        with Image.open(path) as image:
            # Refuse a huge image from its header, before decoding it (a small file can claim
            # 20000 x 20000 pixels and take gigabytes once decoded).
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ImageError('%s: %d x %d pixels is too large to be a photo of one digit (the '
                                 'limit is %d pixels); crop or scale it first'
                                 % (path, width, height, MAX_PIXELS))
            image.load()
            image = ImageOps.exif_transpose(image)      # a phone's rotation tag: upright pixels
            if image.mode in ('RGBA', 'LA', 'PA') or 'transparency' in image.info:
                # transparent pixels count as paper: composite onto white
                background = Image.new('RGBA', image.size, (255, 255, 255, 255))
                image = Image.alpha_composite(background, image.convert('RGBA'))
            return np.asarray(image.convert('L'), dtype=np.float64) / 255.0
    except FileNotFoundError:
        raise ImageError('%s: no such file' % path) from None
    except IsADirectoryError:
        raise ImageError('%s: is a directory, not an image' % path) from None
    except UnidentifiedImageError:
        raise ImageError('%s: not an image file Pillow can read' % path) from None
    except Image.DecompressionBombError:
        raise ImageError('%s: too many pixels to be a photo of one digit (Pillow refused it as a '
                         'decompression bomb)' % path) from None
    except (OSError, SyntaxError, ValueError) as err:
        raise ImageError('%s: unreadable image (%s)' % (path, err)) from None


def to_mnist(gray, name='image'):
    """A 2-D grayscale array in [0, 1] (any size) -> a (28, 28) float32 MNIST-style digit."""
    Image = _pillow()
    if gray.ndim != 2 or min(gray.shape) < 1:
        raise ImageError('%s: empty image' % name)
    # Paper is the most common brightness; MNIST wants light ink on a dark background.
    border = np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]])
    if np.median(border) > 0.5:
        gray = 1.0 - gray
    ink = gray - np.median(border if np.median(border) <= 0.5 else 1.0 - border)
    ink = np.clip(ink, 0, None)
    if ink.max() < 0.1:
        raise ImageError('%s: no digit found (the image is blank)' % name)
    ink /= ink.max()
    rows = np.where(ink.max(axis=1) > 0.25)[0]
    cols = np.where(ink.max(axis=0) > 0.25)[0]
    ink = ink[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    h, w = ink.shape
    scale = 20.0 / max(h, w)
    size = (max(1, int(round(w * scale))), max(1, int(round(h * scale))))
    small = Image.fromarray((ink * 255).astype(np.uint8)).resize(size, Image.LANCZOS)
    small = np.asarray(small, dtype=np.float64) / 255.0
    total = small.sum()
    if total <= 0:
        raise ImageError('%s: no digit found after scaling' % name)
    ys, xs = np.indices(small.shape)
    cy, cx = (ys * small).sum() / total, (xs * small).sum() / total
    top = int(np.clip(round(14 - cy), 0, 28 - small.shape[0]))
    left = int(np.clip(round(14 - cx), 0, 28 - small.shape[1]))
    out = np.zeros((28, 28), dtype=np.float32)
    out[top:top + small.shape[0], left:left + small.shape[1]] = small
    return out


def load_digit(path):
    return to_mnist(_open_gray(path), path)


def predict_files(paths, prefix, epoch, ctx=None, top=3):
    """[(path, [(digit, probability), ...] or an ImageError)] for each path, best first."""
    import tinynet as mx
    if not isinstance(top, int) or isinstance(top, bool) or top < 1:
        raise ValueError('predict_files: top must be a positive number of guesses, got %r' % (top,))
    symbol, arg_params, aux_params = mx.model.load_checkpoint(prefix, epoch)
    images, results = [], []
    for path in paths:
        try:
            images.append(load_digit(path))
            results.append((path, None))
        except ImageError as err:
            results.append((path, err))
    good = [i for i, (_, err) in enumerate(results) if err is None]
    if good:
        mod = mx.mod.Module(symbol, context=ctx or mx.cpu())
        data = np.stack(images)[:, None]
        it = mx.io.NDArrayIter(data, batch_size=len(images))
        mod.bind(it.provide_data, for_training=False)
        mod.set_params(arg_params, aux_params)
        prob = mod.predict(it).asnumpy()
        if not _ends_in_softmax(symbol):
            # a network exported from Gluon ends in its logits: make them probabilities
            prob = np.exp(prob - prob.max(axis=1, keepdims=True))
            prob /= prob.sum(axis=1, keepdims=True)
        for row, i in enumerate(good):
            order = np.argsort(-prob[row])[:top]
            results[i] = (results[i][0], [(int(d), float(prob[row, d])) for d in order])
    return results


def _ends_in_softmax(symbol):
    """Whether the network's output is already probabilities (a SoftmaxOutput head)."""
    node = symbol.output_nodes[0]
    return node.op is not None and type(node.op).__name__ in ('SoftmaxOutput', 'Softmax')


def _positive_int(text):
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError('must be a positive whole number, got %r' % text)
    return value


def main(argv=None):
    parser = argparse.ArgumentParser(prog='python -m tinynet.predict', description=__doc__.split(
        '\n')[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--prefix', required=True, help='checkpoint prefix (PREFIX-symbol.json)')
    parser.add_argument('--epoch', type=int, required=True, help='checkpoint epoch number')
    parser.add_argument('--top', type=_positive_int, default=3,
                        help='how many guesses to print (1 to 10)')
    parser.add_argument('images', nargs='+', help='image files, one digit each')
    args = parser.parse_args(argv)
    try:
        results = predict_files(args.images, args.prefix, args.epoch, top=args.top)
    except (FileNotFoundError, ValueError) as err:
        return command_error(err)
    failed = 0
    for path, guesses in results:
        if isinstance(guesses, Exception):
            print('error: %s' % guesses, file=sys.stderr)
            failed += 1
        else:
            print('%s: %s' % (path, ' '.join('%d (%.3f)' % g for g in guesses)))
    return 2 if failed else 0            # 2: an expected error, as for a missing checkpoint


if __name__ == '__main__':
    sys.exit(main())
