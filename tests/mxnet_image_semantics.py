"""One script, run by MXNet 1.9.1 and by tinynet (`python mxnet_image_semantics.py mxnet|tinynet
FOLDER`): mx.image's reading, resizing and cropping and Gluon's Resize / CenterCrop on the same
pixels, printed as JSON. tests/test_image.py runs it under both and compares."""
import json
import os
import sys

import numpy as onp

if sys.argv[1] == 'mxnet':
    import mxnet as mx
    from mxnet.gluon.data.vision import transforms
else:
    import tinynet as mx
    from tinynet.gluon.data.vision import transforms


def seen(a):
    return [a.asnumpy().astype('float64').tolist(), list(a.shape), onp.dtype(a.dtype).name]


rs = onp.random.RandomState(0)
gray = mx.nd.array(rs.randint(0, 256, (28, 28, 1)), dtype='uint8')
wide = mx.nd.array(rs.randint(0, 256, (20, 40, 3)), dtype='uint8')
floats = mx.nd.array(rs.rand(10, 12, 3).astype('float32'))
found = {
    'imresize 50x50': seen(mx.image.imresize(gray, 50, 50)),
    'imresize w13 h20': seen(mx.image.imresize(gray, 13, 20)),
    'imresize 96': seen(mx.image.imresize(gray, 96, 96)),
    'imresize nearest': seen(mx.image.imresize(wide, 13, 7, interp=0)),
    'imresize float': seen(mx.image.imresize(floats, 17, 7)),
    'imresize bicubic': seen(mx.image.imresize(gray, 50, 37, interp=2)),
    'imresize bicubic float': seen(mx.image.imresize(floats, 5, 23, interp=2)),
    'imresize area': seen(mx.image.imresize(wide, 13, 5, interp=3)),
    'imresize area by 2': seen(mx.image.imresize(wide, 20, 10, interp=3)),
    'resize_short': seen(mx.image.resize_short(wide, 10)),
    'fixed_crop': seen(mx.image.fixed_crop(wide, 3, 2, 10, 5)),
    'fixed_crop resized': seen(mx.image.fixed_crop(wide, 3, 2, 10, 5, size=(20, 10))),
    'center_crop': seen(mx.image.center_crop(wide, (16, 8))[0]),
    'center_crop box': list(mx.image.center_crop(wide, (16, 8))[1]),
    'scale_down': list(mx.image.scale_down((40, 20), (30, 30))),
    'Resize 40': seen(transforms.Resize(40)(gray)),
    'Resize keep_ratio': seen(transforms.Resize(10, keep_ratio=True)(wide)),
    'Resize (w, h)': seen(transforms.Resize((30, 20))(wide)),
    'Resize batch': seen(transforms.Resize(14)(mx.nd.stack(gray, gray))),
    'CenterCrop': seen(transforms.CenterCrop(8)(wide)),
}
png = os.path.join(sys.argv[2], 'image.png')
if sys.argv[1] == 'tinynet':     # the file both read: written by Pillow (tinynet runs first;
    from PIL import Image       # MXNet's environment needs no Pillow, it decodes with OpenCV)
    Image.fromarray(wide.asnumpy()).save(png)
found['imread'] = seen(mx.image.imread(png))
found['imread gray'] = seen(mx.image.imread(png, flag=0))
found['imread bgr'] = seen(mx.image.imread(png, to_rgb=False))
with open(png, 'rb') as f:
    found['imdecode'] = seen(mx.image.imdecode(f.read()))
print(json.dumps(found))
