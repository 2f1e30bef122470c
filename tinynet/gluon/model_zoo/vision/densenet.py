"""DenseNet-BC ("Densely Connected Convolutional Networks", Huang et al. 2016), as MXNet's model
zoo builds it (same blocks in the same order, so its pretrained weights load): each dense layer
concatenates its input with what it computes (HybridConcurrent of Identity and the layer), and
transitions halve the channels and the image between the dense blocks."""
from ... import nn
from ...block import HybridBlock
from ...contrib.nn import HybridConcurrent, Identity
from ._common import load_pretrained

__all__ = ['DenseNet', 'densenet121', 'densenet161', 'densenet169', 'densenet201', 'get_densenet']


def _dense_layer(growth_rate, bn_size, dropout):
    """x -> concat(x, conv3x3(conv1x1(x))): growth_rate new channels."""
    new_features = nn.HybridSequential(prefix='')
    new_features.add(nn.BatchNorm(), nn.Activation('relu'),
                     nn.Conv2D(bn_size * growth_rate, kernel_size=1, use_bias=False),
                     nn.BatchNorm(), nn.Activation('relu'),
                     nn.Conv2D(growth_rate, kernel_size=3, padding=1, use_bias=False))
    if dropout:
        new_features.add(nn.Dropout(dropout))
    out = HybridConcurrent(axis=1, prefix='')
    out.add(Identity(), new_features)
    return out


def _dense_block(num_layers, bn_size, growth_rate, dropout, stage_index):
    out = nn.HybridSequential(prefix='stage%d_' % stage_index)
    with out.name_scope():
        for _ in range(num_layers):
            out.add(_dense_layer(growth_rate, bn_size, dropout))
    return out


def _transition(num_output_features):
    out = nn.HybridSequential(prefix='')
    out.add(nn.BatchNorm(), nn.Activation('relu'),
            nn.Conv2D(num_output_features, kernel_size=1, use_bias=False),
            nn.AvgPool2D(pool_size=2, strides=2))
    return out


class DenseNet(HybridBlock):
    """DenseNet(num_init_features, growth_rate, block_config, bn_size=4, dropout=0,
    classes=1000): block_config the number of layers of each dense block, growth_rate the
    channels each layer adds (k in the paper), bn_size the bottleneck's factor; 224 x 224
    images."""

    def __init__(self, num_init_features, growth_rate, block_config, bn_size=4, dropout=0,
                 classes=1000, **kwargs):
        super().__init__(**kwargs)
        with self.name_scope():
            self.features = nn.HybridSequential(prefix='')
            self.features.add(nn.Conv2D(num_init_features, kernel_size=7, strides=2, padding=3,
                                        use_bias=False),
                              nn.BatchNorm(), nn.Activation('relu'),
                              nn.MaxPool2D(pool_size=3, strides=2, padding=1))
            num_features = num_init_features
            for i, num_layers in enumerate(block_config):
                self.features.add(_dense_block(num_layers, bn_size, growth_rate, dropout, i + 1))
                num_features += num_layers * growth_rate
                if i != len(block_config) - 1:
                    self.features.add(_transition(num_features // 2))
                    num_features //= 2
            self.features.add(nn.BatchNorm(), nn.Activation('relu'), nn.AvgPool2D(pool_size=7),
                              nn.Flatten())
            self.output = nn.Dense(classes)

    def hybrid_forward(self, F, x):
        return self.output(self.features(x))


# layers: (num_init_features, growth_rate, block_config)
densenet_spec = {121: (64, 32, [6, 12, 24, 16]),
                 161: (96, 48, [6, 12, 36, 24]),
                 169: (64, 32, [6, 12, 32, 32]),
                 201: (64, 32, [6, 12, 48, 32])}


def get_densenet(num_layers, pretrained=False, ctx=None, root=None, **kwargs):
    """DenseNet-BC of num_layers (121, 161, 169 or 201); pretrained=False (True: MXNet's
    ImageNet weights), ctx (cpu), root ($TINYNET_HOME/models), classes=1000."""
    if num_layers not in densenet_spec:
        raise ValueError('get_densenet: num_layers must be one of %s, got %r'
                         % (sorted(densenet_spec), num_layers))
    net = DenseNet(*densenet_spec[num_layers], **kwargs)
    if pretrained:
        load_pretrained(net, 'densenet%d' % num_layers, ctx, root)
    return net


def densenet121(**kwargs):
    """DenseNet-BC 121 (get_densenet's keywords)."""
    return get_densenet(121, **kwargs)


def densenet161(**kwargs):
    """DenseNet-BC 161 (get_densenet's keywords)."""
    return get_densenet(161, **kwargs)


def densenet169(**kwargs):
    """DenseNet-BC 169 (get_densenet's keywords)."""
    return get_densenet(169, **kwargs)


def densenet201(**kwargs):
    """DenseNet-BC 201 (get_densenet's keywords)."""
    return get_densenet(201, **kwargs)
