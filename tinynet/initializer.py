"""Initializers: how parameters start. Called as `init(name, array)`; fills `array` in place.

By the parameter's name, as MXNet: `*_weight` gets the initializer's distribution, `*_bias` and
`*_beta` zeros, `*_gamma` ones. Numbers are drawn on the host from `tinynet.rng`, then copied.
"""
import json
import math

import numpy as np

from . import rng
from .backend import copy_into, to_numpy
from .ndarray import NDArray
from .util import is_np_array


class InitDesc(str):
    """A parameter name (MXNet passes one of these to initializers)."""

    def __new__(cls, name, attrs=None, global_init=None):
        desc = super().__new__(cls, name)
        desc.attrs = attrs or {}
        desc.global_init = global_init
        return desc


class Initializer:

    """Base of the initializers: init(name, array) fills `array` in place, by the name's ending as
    MXNet's Module does (...weight: the initializer's own rule, _init_weight; ...bias and ...beta
    zeros; ...gamma ones; ...moving_mean zeros, ...moving_var ones; ...min zeros, ...max ones).
    A name that InitDesc gives an '__init__' attribute (sym.var(init=...)) gets that initializer's
    weight rule. Gluon parameters use the weight rule whatever their name (Parameter).

    A subclass may pass its arguments to `Initializer.__init__(**kwargs)` (as MXNet's do): they
    are what dumps() writes."""

    def __init__(self, **kwargs):
        self._kwargs = kwargs

    def set_verbosity(self, verbose=False, print_func=None):
        """MXNet's switch for logging each array's statistics as it is set; tinynet's
        initializers log nothing, so only verbose=False (the default) is accepted."""
        if verbose:
            raise NotImplementedError('Initializer.set_verbosity(verbose=True): tinynet does not '
                                      'log the arrays it initializes')
        return self

    def __call__(self, name, array):
        own = getattr(name, 'attrs', {}).get('__init__')
        name = str(name)
        if own:
            values = create(own)._weight_values(name, array.shape)
        elif name.endswith(('_moving_mean', '_running_mean', 'min')):
            values = np.zeros(array.shape)
        elif name.endswith(('_moving_var', '_running_var', 'max')):
            values = np.ones(array.shape)
        elif name.endswith('weight'):
            values = self._weight_values(name, array.shape)
        elif name.endswith(('bias', 'beta')):
            values = np.zeros(array.shape)
        elif name.endswith('gamma'):
            values = np.ones(array.shape)
        else:
            raise ValueError("%s: cannot tell how to initialize %r: its name does not end in "
                             "weight, bias, gamma or beta (MXNet's rule); give it an initializer "
                             "of its own (var(..., init=...)) or pass it in arg_params"
                             % (type(self).__name__, name))
        copy_into(array, np.asarray(values, dtype=array.dtype))

    def init_array(self, name, shape):
        """This initializer's values for an array of `shape`, whatever `name` ends in (what a
        Gluon parameter given its own initializer gets)."""
        return self._weight_values(name, shape)

    def _weight_values(self, name, shape):
        """_init_weight's values for an array of `shape`. As in MXNet, _init_weight(name, arr)
        gets an NDArray (on the host) of that shape and may fill it in place (`arr[:] = ...`),
        which is what MXNet code's own initializers do; tinynet's return the values instead."""
        arr = NDArray(np.zeros(shape, np.float32))
        if is_np_array():          # npx.set_np(): an mx.np array, as MXNet hands it over then
            from .numpy import ndarray as np_ndarray
            arr = np_ndarray(arr.engine_value, arr.context)
        values = self._init_weight(name, arr)
        return arr.asnumpy() if values is None else values

    def _init_weight(self, name, arr):
        """The values of weight `name` for the NDArray `arr`: returned, or written into arr."""
        raise NotImplementedError('%s: an Initializer subclass defines _init_weight(self, name, '
                                  'arr)' % type(self).__name__)

    def __repr__(self):
        return '%s(%s)' % (type(self).__name__, ', '.join(
            '%s=%r' % item for item in vars(self).items() if not item[0].startswith('_')))

    def _config(self):
        kwargs = getattr(self, '_kwargs', None) or {
            k: v for k, v in vars(self).items() if not k.startswith('_')}
        return {k: (to_numpy(v.data_array) if isinstance(v, NDArray) else v).tolist()
                if isinstance(v, (np.ndarray, NDArray)) else v for k, v in kwargs.items()}

    def __eq__(self, other):
        """Two initializers are equal when they are of one class with the same arguments."""
        if not isinstance(other, Initializer):
            return NotImplemented
        return type(self) is type(other) and self._config() == other._config()

    def __hash__(self):
        return hash(type(self))

    def dumps(self):
        """This initializer as MXNet's JSON string: '["xavier", {"magnitude": 2, ...}]' (what
        sym.var(init=...) records as __init__; create() reads it back)."""
        kwargs = getattr(self, '_kwargs', None) or {
            k: v for k, v in vars(self).items() if not k.startswith('_')}
        return json.dumps([type(self).__name__.lower(), {
            k: v.tolist() if isinstance(v, np.ndarray) else v for k, v in kwargs.items()}])


class Uniform(Initializer):
    """Weights from U(-scale, scale)."""

    def __init__(self, scale=0.07):
        self.scale = scale

    def _init_weight(self, name, arr):
        return rng.generator().uniform(-self.scale, self.scale, arr.shape)


class Normal(Initializer):
    """Weights from N(0, sigma^2)."""

    def __init__(self, sigma=0.01):
        self.sigma = sigma

    def _init_weight(self, name, arr):
        return rng.generator().normal(0.0, self.sigma, arr.shape)


class Zero(Initializer):
    """Zero(): every weight 0."""
    def _init_weight(self, name, arr):
        return np.zeros(arr.shape)


class One(Initializer):
    """One(): every weight 1."""
    def _init_weight(self, name, arr):
        return np.ones(arr.shape)


class Constant(Initializer):
    """Constant(value): every weight set to `value`, a number or an array of the weight's shape
    (or one that broadcasts to it)."""
    def __init__(self, value):
        super().__init__(value=value)
        self.value = value

    def _init_weight(self, name, arr):
        return np.broadcast_to(to_numpy(self.value.data_array) if isinstance(
            self.value, NDArray) else np.asarray(self.value), arr.shape)

    def dumps(self):
        """'["constant", {"value": ...}]', an array value written as nested lists (MXNet's)."""
        value = self._kwargs['value']
        if isinstance(value, NDArray):
            value = value.asnumpy()
        if isinstance(value, np.ndarray):
            self._kwargs['value'] = value.tolist()
        return json.dumps(['constant', self._kwargs])


class Bilinear(Initializer):
    """Bilinear(): the weights of a deconvolution that upsamples by bilinear interpolation, for
    a 4-d weight (channels_out, channels_in, k, k): w[..., y, x] = (1 - |x/f - c|) (1 - |y/f - c|)
    with f = ceil(k / 2), c = (2f - 1 - f mod 2) / 2f. Writes into `arr` (MXNet's)."""

    def _init_weight(self, name, arr):
        shape = arr.shape
        if len(shape) != 4:
            raise ValueError('Bilinear: weight %r has shape %s; it needs 4 axes (out, in, k, k)'
                             % (name, tuple(shape)))
        f = np.ceil(shape[3] / 2.0)
        c = (2 * f - 1 - f % 2) / (2.0 * f)
        y = np.arange(shape[2]).reshape(-1, 1)
        x = np.arange(shape[3]).reshape(1, -1)
        kernel = (1 - np.abs(x / f - c)) * (1 - np.abs(y / f - c))
        arr[:] = np.broadcast_to(kernel, shape).astype(np.float32)


class LSTMBias(Initializer):
    """LSTMBias(forget_bias=1.0): an LSTM's biases 0, but those of the forget gate (the second
    quarter of the array, MXNet's gate order i, f, c, o), which get forget_bias."""

    def __init__(self, forget_bias=1.0):
        super().__init__(forget_bias=forget_bias)
        self.forget_bias = forget_bias

    def _init_weight(self, name, arr):
        values = np.zeros(arr.shape)
        hidden = arr.shape[0] // 4
        values[hidden:2 * hidden] = self.forget_bias
        return values


class Xavier(Initializer):
    """Glorot's scale: sqrt(magnitude / factor), factor the fan in, fan out or their mean.

    fan_in = prod(shape[1:]), fan_out = shape[0] * prod(shape[2:]) (MXNet's convention)."""

    def __init__(self, rnd_type='uniform', factor_type='avg', magnitude=3):
        if rnd_type not in ('uniform', 'gaussian'):
            raise ValueError("Xavier: rnd_type must be 'uniform' or 'gaussian', got %r" % rnd_type)
        if factor_type not in ('avg', 'in', 'out'):
            raise ValueError("Xavier: factor_type must be 'avg', 'in' or 'out', got %r" % factor_type)
        self.rnd_type, self.factor_type, self.magnitude = rnd_type, factor_type, float(magnitude)

    def _init_weight(self, name, arr):
        shape = arr.shape
        if len(shape) < 2:
            raise ValueError('Xavier: weight %r has shape %s; it needs at least 2 axes'
                             % (name, tuple(shape)))
        receptive = math.prod(shape[2:])
        fan_in, fan_out = shape[1] * receptive, shape[0] * receptive
        factor = {'avg': (fan_in + fan_out) / 2.0, 'in': fan_in, 'out': fan_out}[self.factor_type]
        scale = math.sqrt(self.magnitude / factor)
        if self.rnd_type == 'uniform':
            return rng.generator().uniform(-scale, scale, shape)
        return rng.generator().normal(0.0, scale, shape)


class MSRAPrelu(Xavier):
    """He et al.'s initialization for PReLU networks: Xavier('gaussian', factor_type,
    magnitude=2 / (1 + slope**2)). MXNet's defaults: factor_type='avg', slope=0.25."""

    def __init__(self, factor_type='avg', slope=0.25):
        super().__init__('gaussian', factor_type, 2.0 / (1 + slope ** 2))
        self._kwargs = {'factor_type': factor_type, 'slope': slope}


def create(name, **kwargs):
    """An initializer from its name ('uniform', 'normal', 'xavier', 'zeros', 'ones', ...) and its
    arguments; an Initializer passes through."""
    if isinstance(name, Initializer):
        return name
    if isinstance(name, str) and name.lstrip().startswith('['):      # dumps()'s JSON form
        try:
            name, kwargs = json.loads(name)
        except (ValueError, TypeError):
            raise ValueError('initializer.create: %r is not an initializer name or the JSON '
                             'form ["name", {arguments}]' % name) from None
    if str(name).lower() not in _REGISTRY:
        raise ValueError('initializer.create: unknown initializer %r; known: %s'
                         % (name, ', '.join(sorted(_REGISTRY))))
    return _REGISTRY[str(name).lower()](**kwargs)


def register(klass):
    """Class decorator (MXNet's @mx.init.register): create() and dumps()'s JSON find an
    Initializer subclass by its lower-case class name."""
    if not (isinstance(klass, type) and issubclass(klass, Initializer)):
        raise TypeError('initializer.register: %r is not an Initializer subclass' % (klass,))
    _REGISTRY[klass.__name__.lower()] = klass
    return klass


class Mixed(Initializer):
    """Mixed(patterns, initializers): a parameter gets the initializer of the first regular
    expression in `patterns` that matches its name from the start (re.match), e.g.
    Mixed(['bias', '.*'], [Zero(), Uniform(0.1)]); a name no pattern matches is an error."""

    def __init__(self, patterns, initializers):
        import re
        if len(patterns) != len(initializers):
            raise ValueError('Mixed: %d patterns but %d initializers'
                             % (len(patterns), len(initializers)))
        self.map = [(re.compile(p), create(i)) for p, i in zip(patterns, initializers)]

    def _pick(self, name):
        for pattern, init in self.map:
            if pattern.match(str(name)):
                return init
        raise ValueError('Mixed: parameter %r matches none of the patterns %s; add a ".*" '
                         'pattern at the end with a default initializer'
                         % (str(name), [p.pattern for p, _ in self.map]))

    def __call__(self, name, array):
        self._pick(name)(name, array)

    def init_array(self, name, shape):
        return self._pick(name).init_array(name, shape)


class Load(Initializer):
    """Load(param, default_init=None, verbose=False): parameters from `param`, a dict
    {name: array} or a file of mx.nd.save (names may carry MXNet's 'arg:' / 'aux:'); a name not
    there gets default_init, or is an error without one. verbose (default False): log which."""

    def __init__(self, param, default_init=None, verbose=False):
        if isinstance(param, str):
            from .ndarray import load as load_file
            param = load_file(param)
        if not isinstance(param, dict):
            raise TypeError('Load: param must be a dict {name: array} or the path of a file of '
                            'named arrays, got %s' % type(param).__name__)
        self.param = {(k[4:] if k.startswith(('arg:', 'aux:')) else k): v
                      for k, v in param.items()}
        self.default_init, self.verbose = default_init, verbose

    def _loaded(self, name, shape):
        import logging
        name = str(name)
        if name in self.param:
            value = self.param[name]
            value = value.asnumpy() if isinstance(value, NDArray) else np.asarray(value)
            if tuple(value.shape) != tuple(shape):
                raise ValueError('Load: parameter %r has shape %s, the loaded array %s'
                                 % (name, tuple(shape), tuple(value.shape)))
            if self.verbose:
                logging.info('Initialized %s by loading', name)
            return value
        if self.default_init is None:
            raise ValueError('Load: cannot initialize %r: it is not among the loaded arrays and '
                             'no default_init was given' % name)
        if self.verbose:
            logging.info('Initialized %s by default', name)
        return None

    def __call__(self, name, array):
        value = self._loaded(name, array.shape)
        if value is None:
            create(self.default_init)(name, array)
        else:
            copy_into(array, np.asarray(value, dtype=array.dtype))

    def init_array(self, name, shape):
        value = self._loaded(name, shape)
        return create(self.default_init).init_array(name, shape) if value is None else value


_REGISTRY = {'uniform': Uniform, 'normal': Normal, 'xavier': Xavier, 'msraprelu': MSRAPrelu,
             'zero': Zero, 'zeros': Zero, 'one': One, 'ones': One, 'constant': Constant,
             'bilinear': Bilinear, 'lstmbias': LSTMBias}
