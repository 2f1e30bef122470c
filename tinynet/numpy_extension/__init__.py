"""mx.npx: MXNet 1.9's NumPy extensions (`from mxnet import np, npx`): the switches set_np and
reset_np, and the neural-network functions NumPy lacks, on mx.np arrays (the same ops as mx.nd's)."""
from .. import ndarray as _nd
from ..backend import cpu, gpu, current_context  # noqa: F401 (npx.cpu(), npx.gpu())
from ..backend import list_gpus
from ..ndarray import NDArray as _NDArray
from ..numpy import ndarray as _ndarray
from ..util import is_np_array, is_np_shape, set_np_mode  # noqa: F401


def _np(x):
    """An NDArray result as an mx.np array over the same engine value."""
    return x if isinstance(x, _ndarray) or not isinstance(x, _NDArray) else \
        _ndarray(x.engine_value, x.context)


def set_np(shape=True, array=True, dtype=False):
    """Turn MXNet's NumPy semantics on (what D2L calls first). mx.np arrays have them whatever
    the switches say; is_np_array() and is_np_shape() report them. dtype=True (float64 by
    default) is refused: tinynet's default stays float32."""
    if dtype:
        raise NotImplementedError("npx.set_np(dtype=True): NumPy's float64 default is not in "
                                  "tinynet; its default dtype stays float32")
    set_np_mode(shape, array)


def reset_np():
    """Turn MXNet's NumPy semantics off again."""
    set_np_mode(False, False)


def num_gpus():
    """How many GPUs CuPy sees (0 without CuPy)."""
    return len(list_gpus())


def _wrap(name):
    def function(data, *args, **kwargs):
        return _np(getattr(_nd, name)(_np(data), *args, **kwargs))
    function.__name__ = name
    function.__doc__ = 'mx.nd.%s on an mx.np array, giving an mx.np array.' % name
    return function


for _name in ('relu', 'sigmoid', 'softmax', 'log_softmax', 'one_hot', 'pick', 'topk',
              'Activation', 'FullyConnected', 'Convolution', 'Pooling', 'BatchNorm', 'Dropout',
              'LeakyReLU', 'reshape_like', 'batch_dot', 'softmax_cross_entropy'):
    if hasattr(_nd, _name):
        globals()[_name] = _wrap(_name)
activation, fully_connected, convolution, pooling = (
    globals().get('Activation'), globals().get('FullyConnected'), globals().get('Convolution'),
    globals().get('Pooling'))
batch_norm, dropout, leaky_relu = (globals().get('BatchNorm'), globals().get('Dropout'),
                                   globals().get('LeakyReLU'))


def waitall():
    """Wait for every pending computation: tinynet computes at once, so there is none."""


def save(file, arr):
    """Save an mx.np array, a list or a dict of them (MXNet's binary format, as mx.nd.save)."""
    _nd.save(file, arr)


def load(file):
    """What npx.save saved, as mx.np arrays (a list or a dict, as saved)."""
    loaded = _nd.load(file)
    if isinstance(loaded, dict):
        return {k: _np(v) for k, v in loaded.items()}
    return [_np(v) for v in loaded]


def __getattr__(name):
    raise AttributeError('mx.npx.%s is not in tinynet yet' % name)
