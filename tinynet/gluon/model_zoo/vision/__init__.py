"""gluon.model_zoo.vision: ResNet (V1, V2), VGG, AlexNet, DenseNet, SqueezeNet and Inception v3
as MXNet's model zoo builds them (same layers, same parameter names, so MXNet's pretrained
weights load), and get_model by name. MobileNet needs grouped convolutions, which tinynet does
not have yet: asking for it is a NotImplementedError."""
from .alexnet import *  # noqa: F401,F403
from .densenet import *  # noqa: F401,F403
from .inception import *  # noqa: F401,F403
from .resnet import *  # noqa: F401,F403
from .squeezenet import *  # noqa: F401,F403
from .vgg import *  # noqa: F401,F403
from .alexnet import __all__ as _alexnet_names
from .densenet import __all__ as _densenet_names
from .inception import __all__ as _inception_names
from .resnet import __all__ as _resnet_names
from .squeezenet import __all__ as _squeezenet_names
from .vgg import __all__ as _vgg_names

_NOT_YET = {
    'mobilenet1.0': 'grouped convolutions (Conv2D groups=)',
    'mobilenet0.75': 'grouped convolutions (Conv2D groups=)',
    'mobilenet0.5': 'grouped convolutions (Conv2D groups=)',
    'mobilenet0.25': 'grouped convolutions (Conv2D groups=)',
    'mobilenetv2_1.0': 'grouped convolutions (Conv2D groups=)',
    'mobilenetv2_0.75': 'grouped convolutions (Conv2D groups=)',
    'mobilenetv2_0.5': 'grouped convolutions (Conv2D groups=)',
    'mobilenetv2_0.25': 'grouped convolutions (Conv2D groups=)'}


def _models():
    """{get_model's name: the function}: MXNet's names ('squeezenet1.0', 'inceptionv3')."""
    names = (_alexnet_names + _densenet_names + _inception_names + _resnet_names +
             _squeezenet_names + _vgg_names)
    models = {name: globals()[name] for name in names
              if name[0].islower() and not name.startswith('get_')}
    for name in ('squeezenet1_0', 'squeezenet1_1'):
        models[name.replace('_', '.')] = models.pop(name)
    models['inceptionv3'] = models.pop('inception_v3')
    return models


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
    if name in ('MobileNet', 'MobileNetV2'):
        raise NotImplementedError('model_zoo.vision.%s needs grouped convolutions, which '
                                  'tinynet does not have yet' % name)
    raise AttributeError('module %r has no attribute %r' % (__name__, name))
