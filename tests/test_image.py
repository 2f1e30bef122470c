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
