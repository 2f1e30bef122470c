"""mx.image and Gluon's image transforms: side by side with MXNet 1.9.1 (tests/mxnet_image_semantics.py
runs under both), and the errors a learner meets."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest

import tinynet as mx
from conftest import mxnet_python
from tinynet.gluon.data.vision import transforms

HERE = os.path.dirname(os.path.abspath(__file__))


def _answers(python, framework, folder):
    run = subprocess.run([python, os.path.join(HERE, 'mxnet_image_semantics.py'), framework,
                          str(folder)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_images_agree_with_mxnet(tmp_path):
    """Shapes and dtypes exactly; pixels within one step of uint8 (OpenCV, in MXNet, resizes
    in fixed point; tinynet in float32 and rounds), floats to 1e-5; reading a PNG exactly (in
    grey within one step: 1 pixel of 800 rounds the other way)."""
    pytest.importorskip('PIL')
    python = mxnet_python()
    got = _answers(sys.executable, 'tinynet', tmp_path)       # first: it writes the PNG
    want = _answers(python, 'mxnet', tmp_path)
    assert sorted(got) == sorted(want)
    for key, value in want.items():
        if len(value) == 3 and isinstance(value[2], str):
            assert got[key][1:] == value[1:], key
            exact = key != 'imread gray' and key.startswith(('imread', 'imdecode', 'fixed_crop', 'center_crop',
                                    'CenterCrop', 'imresize nearest'))
            np.testing.assert_allclose(got[key][0], value[0], rtol=0 if exact else 1e-5,
                                       atol=0 if exact else (1e-5 if 'float' in key else 1),
                                       err_msg=key)
        else:
            assert got[key] == value, key


def test_bilinear_resize_is_the_weighted_mean_of_four_pixels():
    """A plain-loop reference of OpenCV's convention: output (i, j) samples the source at
    ((i + 0.5) * H / h - 0.5, (j + 0.5) * W / w - 0.5), clamped to the image."""
    rng = np.random.default_rng(0)
    src = rng.random((5, 7, 2)).astype(np.float32)
    out = mx.image.imresize(mx.nd.array(src), 4, 9).asnumpy()
    assert out.shape == (9, 4, 2)
    for i in range(9):
        for j in range(4):
            y = min(max((i + 0.5) * 5 / 9 - 0.5, 0), 4)
            x = min(max((j + 0.5) * 7 / 4 - 0.5, 0), 6)
            y0, x0 = int(y), int(x)
            y1, x1 = min(y0 + 1, 4), min(x0 + 1, 6)
            dy, dx = y - y0, x - x0
            want = ((1 - dy) * (1 - dx) * src[y0, x0] + (1 - dy) * dx * src[y0, x1] +
                    dy * (1 - dx) * src[y1, x0] + dy * dx * src[y1, x1])
            np.testing.assert_allclose(out[i, j], want, rtol=1e-5)


def test_random_crop_and_flips_keep_the_pixels():
    img = mx.nd.array(np.arange(4 * 6 * 3).reshape(4, 6, 3), dtype='uint8')
    crop, (x0, y0, w, h) = mx.image.random_crop(img, (3, 2))
    assert (w, h) == (3, 2)
    np.testing.assert_array_equal(crop.asnumpy(), img.asnumpy()[y0:y0 + 2, x0:x0 + 3])
    seen = set()
    mx.random.seed(1)
    for _ in range(20):
        flipped = transforms.RandomFlipLeftRight()(img).asnumpy()
        assert np.array_equal(flipped, img.asnumpy()) or \
            np.array_equal(flipped, img.asnumpy()[:, ::-1])
        seen.add(np.array_equal(flipped, img.asnumpy()))
        upside = transforms.RandomFlipTopBottom()(img).asnumpy()
        assert np.array_equal(upside, img.asnumpy()) or \
            np.array_equal(upside, img.asnumpy()[::-1])
    assert seen == {True, False}


def test_bad_images_and_sizes_are_named(tmp_path):
    pytest.importorskip('PIL')
    with pytest.raises(FileNotFoundError, match="imread: no such file: 'nope.jpg'"):
        mx.image.imread('nope.jpg')
    junk = tmp_path / 'junk.jpg'
    junk.write_bytes(b'not an image')
    with pytest.raises(ValueError, match='junk.jpg.*not an image'):
        mx.image.imread(str(junk))
    with pytest.raises(ValueError, match='imresize: src must be an image \\(H, W, C\\), got shape \\(4, 4\\)'):
        mx.image.imresize(mx.nd.zeros((4, 4)), 2, 2)
    with pytest.raises(ValueError, match='fixed_crop: the region x0=3 y0=0 w=4 h=2 is not inside'):
        mx.image.fixed_crop(mx.nd.zeros((4, 6, 3)), 3, 0, 4, 2)
    with pytest.raises(ValueError, match='Resize: size must be a positive int'):
        transforms.Resize(0)
    with pytest.raises(ValueError, match='Resize: expects an image .* got shape \\(5,\\)'):
        transforms.Resize(3)(mx.nd.zeros(5))


COLOUR_SCRIPT = r'''
import json, sys
import numpy as np
import mxnet as mx
img = mx.nd.array(np.random.RandomState(0).randint(0, 256, (6, 7, 3)), dtype='uint8')
f = img.astype('float32')
out = {}
for name, x in (('uint8', img), ('float32', f)):
    out[name] = [mx.nd.image.random_brightness(x, 1.7, 1.7).asnumpy().tolist(),
                 mx.nd.image.random_contrast(x, 0.4, 0.4).asnumpy().tolist(),
                 mx.nd.image.adjust_lighting(x, alpha=(0.5, -1.0, 2.0)).asnumpy().tolist()]
print(json.dumps(out))
'''


def test_colour_adjustments_agree_with_mxnet():
    """Brightness, contrast and lighting with fixed factors, on uint8 (clipped, truncated) and
    float32 images, as MXNet 1.9.1's image ops compute them (its saturation kernel has a bug:
    test_saturation_blends_with_the_luma_and_random_crops_keep_their_promises)."""
    import json
    import subprocess
    from conftest import assert_agrees, mxnet_python
    from tinynet.gluon.data.vision import transforms as T
    run = subprocess.run([mxnet_python(), '-c', COLOUR_SCRIPT], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    want = json.loads(run.stdout.strip().splitlines()[-1])
    img = mx.nd.array(np.random.RandomState(0).randint(0, 256, (6, 7, 3)), dtype='uint8')
    for name, x in (('uint8', img), ('float32', img.astype('float32'))):
        got = [T.adjust_brightness(x, 1.7).asnumpy().tolist(),
               T.adjust_contrast(x, 0.4).asnumpy().tolist(),
               T.adjust_lighting(x, (0.5, -1.0, 2.0)).asnumpy().tolist()]
        assert_agrees(got, want[name], name, rel=1e-5, abs=1e-3)


def test_saturation_blends_with_the_luma_and_random_crops_keep_their_promises():
    from tinynet.gluon.data.vision import transforms as T
    x = mx.nd.array(np.random.RandomState(1).uniform(0, 255, (4, 5, 3)), dtype='float32')
    luma = x.asnumpy() @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
    np.testing.assert_allclose(T.adjust_saturation(x, 0.0).asnumpy(),
                               np.repeat(luma[..., None], 3, axis=2), rtol=1e-5)
    np.testing.assert_allclose(T.adjust_saturation(x, 1.0).asnumpy(), x.asnumpy(), rtol=1e-6)
    mx.random.seed(3)
    big = mx.nd.array(np.arange(40 * 60 * 3).reshape(40, 60, 3) % 251, dtype='uint8')
    for _ in range(5):
        crop = T.RandomResizedCrop((12, 9), scale=(0.2, 0.5))(big)
        assert crop.shape == (9, 12, 3) and crop.dtype == np.uint8
    jitter = T.RandomColorJitter(brightness=0.2, contrast=0.2, saturation=0.2)(big)
    assert jitter.shape == big.shape and jitter.dtype == np.uint8
    with pytest.raises(ValueError, match='>= 0'):
        T.RandomBrightness(-0.1)
    crop = T.CropResize(2, 1, 10, 5)(big)
    np.testing.assert_array_equal(crop.asnumpy(), big.asnumpy()[1:6, 2:12])


HUE_SCRIPT = r'''
import json
import numpy as np
import mxnet as mx
img = mx.nd.array(np.random.RandomState(0).randint(0, 256, (8, 9, 3)), dtype='uint8')
out = [mx.nd.image.random_hue(img.astype('float32'), a, a).asnumpy().tolist()
       for a in (0.1, 0.5, 1.3, 0.97)]
out.append(mx.nd.image.random_hue(img, 0.3, 0.3).asnumpy().tolist())
print(json.dumps(out))
'''


def test_hue_turns_as_mxnets_random_hue():
    """The hue turned through HLS and back, as MXNet 1.9.1's kernel: float images to float
    rounding, uint8 ones within one step (where the truncation falls); a gray pixel keeps its
    value, and a turn of a whole circle gives the image back."""
    import json
    import subprocess
    from conftest import mxnet_python
    from tinynet.gluon.data.vision import transforms as T
    run = subprocess.run([mxnet_python(), '-c', HUE_SCRIPT], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    want = json.loads(run.stdout.strip().splitlines()[-1])
    img = mx.nd.array(np.random.RandomState(0).randint(0, 256, (8, 9, 3)), dtype='uint8')
    for a, w in zip((0.1, 0.5, 1.3, 0.97), want):
        np.testing.assert_allclose(T.adjust_hue(img.astype('float32'), a).asnumpy(), w,
                                   atol=1e-3)
    assert np.abs(T.adjust_hue(img, 0.3).asnumpy().astype(int) - np.array(want[4])).max() <= 1
    gray = mx.nd.array(np.full((2, 2, 3), 77), dtype='uint8')
    np.testing.assert_array_equal(T.adjust_hue(gray, 0.3).asnumpy(), gray.asnumpy())
    f = img.astype('float32')
    np.testing.assert_allclose(T.adjust_hue(f, 1.0).asnumpy(), f.asnumpy(), atol=1e-3)
    assert T.RandomColorJitter(hue=0.1)(img).shape == img.shape
    assert T.RandomApply(T.RandomHue(0.1), p=0.0)(img) is img
