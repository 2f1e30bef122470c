"""gluon.model_zoo.vision: every network of MXNet 1.9's vision model zoo (ResNet V1/V2, VGG,
AlexNet, DenseNet, SqueezeNet, Inception v3, MobileNet, MobileNetV2) as MXNet builds it (same
layers, same parameter names, so MXNet's pretrained weights load), and get_model by name."""
from .alexnet import *  # noqa: F401,F403
from .densenet import *  # noqa: F401,F403
from .inception import *  # noqa: F401,F403
from .mobilenet import *  # noqa: F401,F403
from .resnet import *  # noqa: F401,F403
from .squeezenet import *  # noqa: F401,F403
from .vgg import *  # noqa: F401,F403
from .alexnet import __all__ as _alexnet_names
from .densenet import __all__ as _densenet_names
from .inception import __all__ as _inception_names
from .mobilenet import __all__ as _mobilenet_names
from .resnet import __all__ as _resnet_names
from .squeezenet import __all__ as _squeezenet_names
from .vgg import __all__ as _vgg_names

def _models():
    """{get_model's name: the function}: MXNet's names ('squeezenet1.0', 'inceptionv3')."""
    names = (_alexnet_names + _densenet_names + _inception_names + _mobilenet_names +
             _resnet_names + _squeezenet_names + _vgg_names)
    models = {name: globals()[name] for name in names
              if name[0].islower() and not name.startswith('get_')}
    for name in ('squeezenet1_0', 'squeezenet1_1'):
        models[name.replace('_', '.')] = models.pop(name)
    models['inceptionv3'] = models.pop('inception_v3')
    for name in [n for n in models if n.startswith('mobilenet')]:
        # mobilenet0_75 -> mobilenet0.75, mobilenet_v2_1_0 -> mobilenetv2_1.0
        head, width = ('mobilenetv2_', name[len('mobilenet_v2_'):]) \
            if name.startswith('mobilenet_v2_') else ('mobilenet', name[len('mobilenet'):])
        models[head + width.replace('_', '.', 1)] = models.pop(name)
    return models


def get_model(name, **kwargs):
    """The network called `name` ('resnet18_v1', 'vgg16_bn', 'alexnet', ...); keywords as its
    function takes them (pretrained=False, ctx, root, classes=1000, ...)."""
    models = _models()
    key = name.lower()
    if key in models:
        return models[key](**kwargs)
    raise ValueError('Model %s is not supported. Available options are\n\t%s'
                     % (name, '\n\t'.join(sorted(models))))
