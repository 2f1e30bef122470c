"""VGG ("Very Deep Convolutional Networks for Large-Scale Image Recognition", Simonyan and
Zisserman 2014), as MXNet's model zoo builds it: blocks of 3x3 convolutions (optionally batch
normalised), each block ending in a 2x2 pool, then two dense layers of 4096 and the output."""
from ... import nn
from ....initializer import Xavier
from ...block import HybridBlock
from ._common import load_pretrained

__all__ = ['VGG', 'vgg11', 'vgg13', 'vgg16', 'vgg19', 'vgg11_bn', 'vgg13_bn', 'vgg16_bn',
           'vgg19_bn', 'get_vgg']


class VGG(HybridBlock):
    """VGG(layers, filters, classes=1000, batch_norm=False): layers[i] convolutions of filters[i]
    channels in block i."""

    def __init__(self, layers, filters, classes=1000, batch_norm=False, **kwargs):
        super().__init__(**kwargs)
        if len(layers) != len(filters):
            raise ValueError('VGG: layers and filters must be as long, got %d and %d'
                             % (len(layers), len(filters)))
        with self.name_scope():
            self.features = nn.HybridSequential(prefix='')
            for i, num in enumerate(layers):
                for _ in range(num):
                    self.features.add(nn.Conv2D(filters[i], kernel_size=3, padding=1,
                                                weight_initializer=Xavier(
                                                    rnd_type='gaussian', factor_type='out',
                                                    magnitude=2),
                                                bias_initializer='zeros'))
                    if batch_norm:
                        self.features.add(nn.BatchNorm())
                    self.features.add(nn.Activation('relu'))
                self.features.add(nn.MaxPool2D(strides=2))
            for _ in range(2):
                self.features.add(nn.Dense(4096, activation='relu', weight_initializer='normal',
                                           bias_initializer='zeros'))
                self.features.add(nn.Dropout(rate=0.5))
            self.output = nn.Dense(classes, weight_initializer='normal', bias_initializer='zeros')

    def hybrid_forward(self, F, x):
        return self.output(self.features(x))


vgg_spec = {11: ([1, 1, 2, 2, 2], [64, 128, 256, 512, 512]),
            13: ([2, 2, 2, 2, 2], [64, 128, 256, 512, 512]),
            16: ([2, 2, 3, 3, 3], [64, 128, 256, 512, 512]),
            19: ([2, 2, 4, 4, 4], [64, 128, 256, 512, 512])}


def get_vgg(num_layers, pretrained=False, ctx=None, root=None, **kwargs):
    """VGG with `num_layers` (11, 13, 16, 19); pretrained=False, ctx (cpu), root
    ($TINYNET_HOME/models); classes=1000, batch_norm=False go to the network."""
    if num_layers not in vgg_spec:
        raise ValueError('get_vgg: num_layers must be one of %s, got %r'
                         % (sorted(vgg_spec), num_layers))
    layers, filters = vgg_spec[num_layers]
    net = VGG(layers, filters, **kwargs)
    if pretrained:
        load_pretrained(net, 'vgg%d%s' % (num_layers, '_bn' if kwargs.get('batch_norm') else ''),
                        ctx, root)
    return net


def _maker(num_layers, batch_norm):
    def make(**kwargs):
        if batch_norm:
            kwargs['batch_norm'] = True
        return get_vgg(num_layers, **kwargs)
    make.__name__ = 'vgg%d%s' % (num_layers, '_bn' if batch_norm else '')
    make.__doc__ = 'VGG-%d%s: get_vgg(%d, **kwargs).' % (
        num_layers, ' with batch normalisation' if batch_norm else '', num_layers)
    return make


vgg11, vgg13, vgg16, vgg19 = (_maker(n, False) for n in (11, 13, 16, 19))
vgg11_bn, vgg13_bn, vgg16_bn, vgg19_bn = (_maker(n, True) for n in (11, 13, 16, 19))
