"""Inception v3 ("Rethinking the Inception Architecture for Computer Vision", Szegedy et al.
2015), as MXNet's model zoo builds it (the same blocks created in the same order, so its
pretrained weights load): branches of factorised convolutions side by side (HybridConcurrent),
for 299 x 299 images."""
from ... import nn
from ...block import HybridBlock
from ...contrib.nn import HybridConcurrent
from ._common import load_pretrained

__all__ = ['Inception3', 'inception_v3']


def _basic_conv(**kwargs):
    """Convolution without bias, BatchNorm (epsilon 0.001), relu."""
    out = nn.HybridSequential(prefix='')
    out.add(nn.Conv2D(use_bias=False, **kwargs), nn.BatchNorm(epsilon=0.001),
            nn.Activation('relu'))
    return out


def _branch(use_pool, *conv_settings):
    """An optional pool ('avg' 3x3 stride 1, or 'max' 3x3 stride 2), then a basic conv for each
    (channels, kernel_size, strides, padding) setting (None: the default)."""
    out = nn.HybridSequential(prefix='')
    if use_pool == 'avg':
        out.add(nn.AvgPool2D(pool_size=3, strides=1, padding=1))
    elif use_pool == 'max':
        out.add(nn.MaxPool2D(pool_size=3, strides=2))
    names = ('channels', 'kernel_size', 'strides', 'padding')
    for setting in conv_settings:
        out.add(_basic_conv(**{n: v for n, v in zip(names, setting) if v is not None}))
    return out


def _concurrent(prefix, *branches):
    out = HybridConcurrent(axis=1, prefix=prefix)
    with out.name_scope():
        for make in branches:
            out.add(make())
    return out


def _block_a(pool_features, prefix):
    return _concurrent(
        prefix,
        lambda: _branch(None, (64, 1, None, None)),
        lambda: _branch(None, (48, 1, None, None), (64, 5, None, 2)),
        lambda: _branch(None, (64, 1, None, None), (96, 3, None, 1), (96, 3, None, 1)),
        lambda: _branch('avg', (pool_features, 1, None, None)))


def _block_b(prefix):
    return _concurrent(
        prefix,
        lambda: _branch(None, (384, 3, 2, None)),
        lambda: _branch(None, (64, 1, None, None), (96, 3, None, 1), (96, 3, 2, None)),
        lambda: _branch('max'))


def _block_c(c7, prefix):
    return _concurrent(
        prefix,
        lambda: _branch(None, (192, 1, None, None)),
        lambda: _branch(None, (c7, 1, None, None), (c7, (1, 7), None, (0, 3)),
                        (192, (7, 1), None, (3, 0))),
        lambda: _branch(None, (c7, 1, None, None), (c7, (7, 1), None, (3, 0)),
                        (c7, (1, 7), None, (0, 3)), (c7, (7, 1), None, (3, 0)),
                        (192, (1, 7), None, (0, 3))),
        lambda: _branch('avg', (192, 1, None, None)))


def _block_d(prefix):
    return _concurrent(
        prefix,
        lambda: _branch(None, (192, 1, None, None), (320, 3, 2, None)),
        lambda: _branch(None, (192, 1, None, None), (192, (1, 7), None, (0, 3)),
                        (192, (7, 1), None, (3, 0)), (192, 3, 2, None)),
        lambda: _branch('max'))


def _split_3x3(first):
    """`first`, then its output through a 1x3 and a 3x1 convolution side by side."""
    out = nn.HybridSequential(prefix='')
    out.add(first)
    split = HybridConcurrent(axis=1, prefix='')
    split.add(_branch(None, (384, (1, 3), None, (0, 1))))
    split.add(_branch(None, (384, (3, 1), None, (1, 0))))
    out.add(split)
    return out


def _block_e(prefix):
    out = HybridConcurrent(axis=1, prefix=prefix)
    with out.name_scope():
        out.add(_branch(None, (320, 1, None, None)))
        out.add(_split_3x3(_branch(None, (384, 1, None, None))))
        out.add(_split_3x3(_branch(None, (448, 1, None, None), (384, 3, None, 1))))
        out.add(_branch('avg', (192, 1, None, None)))
    return out


class Inception3(HybridBlock):
    """Inception3(classes=1000), for 299 x 299 images."""

    def __init__(self, classes=1000, **kwargs):
        super().__init__(**kwargs)
        with self.name_scope():
            self.features = nn.HybridSequential(prefix='')
            self.features.add(_basic_conv(channels=32, kernel_size=3, strides=2),
                              _basic_conv(channels=32, kernel_size=3),
                              _basic_conv(channels=64, kernel_size=3, padding=1),
                              nn.MaxPool2D(pool_size=3, strides=2),
                              _basic_conv(channels=80, kernel_size=1),
                              _basic_conv(channels=192, kernel_size=3),
                              nn.MaxPool2D(pool_size=3, strides=2))
            self.features.add(_block_a(32, 'A1_'), _block_a(64, 'A2_'), _block_a(64, 'A3_'),
                              _block_b('B_'),
                              _block_c(128, 'C1_'), _block_c(160, 'C2_'), _block_c(160, 'C3_'),
                              _block_c(192, 'C4_'), _block_d('D_'), _block_e('E1_'),
                              _block_e('E2_'))
            self.features.add(nn.AvgPool2D(pool_size=8), nn.Dropout(0.5))
            self.output = nn.Dense(classes)

    def hybrid_forward(self, F, x):
        return self.output(self.features(x))


def inception_v3(pretrained=False, ctx=None, root=None, **kwargs):
    """Inception v3; pretrained=False (True: MXNet's ImageNet weights), ctx (cpu), root
    ($TINYNET_HOME/models), classes=1000."""
    net = Inception3(**kwargs)
    if pretrained:
        load_pretrained(net, 'inceptionv3', ctx, root)
    return net
