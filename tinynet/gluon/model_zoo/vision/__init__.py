"""gluon.model_zoo.vision: ResNet (V1, V2), VGG, AlexNet as MXNet's model zoo builds them (same
layers, same parameter names, so MXNet's pretrained weights load), and get_model by name.
MobileNet needs grouped convolutions, and DenseNet, SqueezeNet and Inception need
HybridConcurrent, which tinynet does not have yet: asking for them is a NotImplementedError."""
from .alexnet import *  # noqa: F401,F403
from .resnet import *  # noqa: F401,F403
from .vgg import *  # noqa: F401,F403
from .alexnet import __all__ as _alexnet_names
from .resnet import __all__ as _resnet_names
from .vgg import __all__ as _vgg_names

_NOT_YET = {
    'densenet121': 'HybridConcurrent', 'densenet161': 'HybridConcurrent',
    'densenet169': 'HybridConcurrent', 'densenet201': 'HybridConcurrent',
    'squeezenet1.0': 'HybridConcurrent', 'squeezenet1.1': 'HybridConcurrent',
    'inceptionv3': 'HybridConcurrent', 'mobilenet1.0': 'grouped convolutions (Conv2D groups=)',
    'mobilenet0.75': 'grouped convolutions (Conv2D groups=)',
    'mobilenet0.5': 'grouped convolutions (Conv2D groups=)',
    'mobilenet0.25': 'grouped convolutions (Conv2D groups=)',
    'mobilenetv2_1.0': 'grouped convolutions (Conv2D groups=)',
    'mobilenetv2_0.75': 'grouped convolutions (Conv2D groups=)',
    'mobilenetv2_0.5': 'grouped convolutions (Conv2D groups=)',
    'mobilenetv2_0.25': 'grouped convolutions (Conv2D groups=)'}


def _models():
    return {name: globals()[name] for name in _alexnet_names + _resnet_names + _vgg_names
            if name[0].islower() and not name.startswith('get_')}


def get_model(name, **kwargs):
    """The network called `name` ('resnet18_v1', 'vgg16_bn', 'alexnet', ...); keywords as its
    function takes them (pretrained=False, ctx, root, classes=1000, ...)."""
    models = _models()
    key = name.lower()
    if key in models:
        return models[key](**kwargs)
    if key in _NOT_YET:
        raise NotImplementedError('model_zoo: %s needs %s, which tinynet does not have yet; it '
                                  'has %s' % (name, _NOT_YET[key], ', '.join(sorted(models))))
    raise ValueError('Model %s is not supported. Available options are\n\t%s'
                     % (name, '\n\t'.join(sorted(list(models) + list(_NOT_YET)))))


def __getattr__(name):
    for key, need in _NOT_YET.items():        # squeezenet1_0, mobilenet_v2_1_0, ...
        if name in (key.replace('.', '_'), key.replace('.', '_').replace('mobilenetv2',
                                                                          'mobilenet_v2')):
            raise NotImplementedError('model_zoo.vision.%s needs %s, which tinynet does not have '
                                      'yet' % (name, need))
    if name in ('DenseNet', 'SqueezeNet', 'Inception3', 'MobileNet', 'MobileNetV2',
                'densenet121', 'densenet161', 'densenet169', 'densenet201', 'inception_v3'):
        raise NotImplementedError('model_zoo.vision.%s needs HybridConcurrent or grouped '
                                  'convolutions, which tinynet does not have yet' % name)
    raise AttributeError('module %r has no attribute %r' % (__name__, name))
