"""Optimizers: `update(name, weight, grad, state)` changes `weight` in place.

SGD, as MXNet's kernels do it (wd applies to `*_weight` only, never to biases):
    g = clip(rescale_grad * grad, -clip_gradient, clip_gradient)
    no momentum:   w = w - lr * (g + wd * w)
    momentum mu:   m = mu * m - lr * (g + wd * w);   w = w + m
Adam (Kingma & Ba, with MXNet's bias correction folded into the step size), g as above plus wd * w:
    m = b1 m + (1 - b1) g;   v = b2 v + (1 - b2) g^2;   w = w - lr_t m / (sqrt(v) + eps),
    lr_t = lr sqrt(1 - b2^t) / (1 - b1^t)
`rescale_grad` is where the batch average happens: Module.fit sets it to 1 / batch_size.
"""
import logging
import math

from .backend import get_array_module, to_device, to_numpy
from .fileio import load_arrays, save_arrays
from .ndarray import NDArray
from .util import warn_ignored


def raw(value):
    """The NumPy or CuPy array under an NDArray (a tuple of states: each), so that the in-place
    updates below change the caller's memory (NumPy's `state -= ndarray` would rebind `state` to
    a new NDArray instead). MXNet code passes NDArrays; Module and the Trainer pass arrays."""
    if isinstance(value, NDArray):
        return value.data_array
    if isinstance(value, tuple):
        return tuple(raw(v) for v in value)
    return value


class Optimizer:

    """Base of the optimizers, with MXNet's arguments: learning_rate=0.01, wd=0.0 (weight decay, on
    *_weight only), rescale_grad=1.0 (Module sets 1/batch_size), clip_gradient=None (clip rescaled
    gradients to +-clip_gradient), lr_scheduler=None (a function of the update count),
    begin_num_update=0. update(name, weight, grad, state) changes weight in place."""
    def __init__(self, learning_rate=None, wd=0.0, rescale_grad=1.0, clip_gradient=None,
                 lr_scheduler=None, param_idx2name=None, begin_num_update=0, multi_precision=False,
                 param_dict=None):
        if learning_rate is None:          # MXNet's rule: the scheduler's base_lr, else 0.01
            learning_rate = lr_scheduler.base_lr if lr_scheduler is not None else 0.01
        elif lr_scheduler is not None and lr_scheduler.base_lr != learning_rate:
            logging.getLogger('tinynet').warning(
                '%s: learning_rate=%s overrides the lr_scheduler\'s base_lr %s, as in MXNet',
                type(self).__name__, learning_rate, lr_scheduler.base_lr)
            lr_scheduler.base_lr = learning_rate
        for arg, value in (('learning_rate', learning_rate), ('wd', wd), ('rescale_grad', rescale_grad)):
            if not isinstance(value, (int, float)) or isinstance(value, bool) or \
                    not math.isfinite(value) or value < 0:
                raise ValueError('%s: %s must be a finite number >= 0, got %r'
                                 % (type(self).__name__, arg, value))
        if clip_gradient is not None and (not isinstance(clip_gradient, (int, float)) or
                                          not clip_gradient > 0):
            raise ValueError('%s: clip_gradient must be positive, got %r'
                             % (type(self).__name__, clip_gradient))
        warn_ignored('Optimizer', 'multi_precision', multi_precision, False)
        warn_ignored('Optimizer', 'param_idx2name', param_idx2name, None)
        self.param_dict = dict(param_dict or {})     # name -> Parameter: its lr_mult, wd_mult
        self.lr, self.wd, self.rescale_grad = float(learning_rate), float(wd), float(rescale_grad)
        self.clip_gradient = clip_gradient
        self.lr_scheduler = lr_scheduler
        self.num_update = begin_num_update
        self._counts = {}

    @property
    def learning_rate(self):
        """The learning rate now: the scheduler's value for the update count, or the one set."""
        return self.lr_scheduler(self.num_update) if self.lr_scheduler else self.lr

    def set_learning_rate(self, lr):
        """Set the learning rate to `lr` (a finite number >= 0); with an lr_scheduler, refused
        (UserWarning, as MXNet: the scheduler decides the rate)."""
        if self.lr_scheduler is not None:
            raise UserWarning('%s.set_learning_rate: the optimizer has an lr_scheduler, which '
                              'decides the learning rate' % type(self).__name__)
        if not isinstance(lr, (int, float)) or isinstance(lr, bool) or not math.isfinite(lr) \
                or lr < 0:
            raise ValueError('%s.set_learning_rate: the learning rate must be a finite number '
                             '>= 0, got %r' % (type(self).__name__, lr))
        self.lr = float(lr)

    def _wd_for(self, name):
        """The weight decay of parameter `name`, as MXNet 1.9.1 decides it: a Gluon Parameter's
        own wd_mult (1.0, biases included) when the Trainer named it in param_dict; else none
        for a name that does not end in _weight or _gamma (Module's biases, BatchNorm's beta);
        else (an index, as MXNet's raw updater calls use) the full wd."""
        if name in self.param_dict:
            return self.wd * self.param_dict[name].wd_mult
        if isinstance(name, str) and not name.endswith(('_weight', '_gamma')):
            return 0.0
        return self.wd

    def _lr_for(self, name):
        """The learning rate for parameter `name`: the current one times its Parameter's lr_mult."""
        param = self.param_dict.get(name)
        return self.learning_rate * (param.lr_mult if param is not None else 1.0)

    def _count(self, name):
        self._counts[name] = self._counts.get(name, 0) + 1
        self.num_update = max(self.num_update, self._counts[name])
        return self._counts[name]

    def _scaled_grad(self, xp, grad):
        g = grad * self.rescale_grad       # a new array: the caller's gradient is not touched
        if self.clip_gradient is not None:
            xp.clip(g, -self.clip_gradient, self.clip_gradient, out=g)
        return g

    def create_state(self, name, weight):
        """The state `update` keeps for the parameter `name` (None when there is none)."""
        return None


class SGD(Optimizer):

    """SGD(momentum=0.0, **Optimizer's arguments): g = clip(rescale_grad * grad); without momentum w =
    w - lr (g + wd w); with momentum mu, m = mu m - lr (g + wd w) and w = w + m (MXNet's kernels)."""
    def __init__(self, momentum=0.0, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(momentum, (int, float)) or isinstance(momentum, bool) or \
                not 0 <= momentum < 1:
            raise ValueError('SGD: momentum must be a number in [0, 1), got %r' % (momentum,))
        self.momentum = float(momentum)

    def create_state(self, name, weight):
        weight = raw(weight)
        return get_array_module(weight).zeros_like(weight) if self.momentum else None

    def update(self, name, weight, grad, state):
        """One SGD step on `weight` in place (the formulas of the class docstring); `state` is the
        momentum or None."""
        weight, grad, state = raw(weight), raw(grad), raw(state)
        xp = get_array_module(weight)
        self._count(name)
        lr, wd = self._lr_for(name), self._wd_for(name)
        step = self._scaled_grad(xp, grad)            # g
        if wd:
            step += wd * weight                       # g + wd * w
        step *= lr                                    # lr * (g + wd * w)
        if state is None:
            weight -= step
        else:
            state *= self.momentum
            state -= step                             # m = mu * m - lr * (g + wd * w)
            weight += state


class NAG(SGD):
    """NAG(momentum=0.0, **Optimizer's arguments): Nesterov's accelerated gradient, as MXNet
    1.9.1's kernel computes it, g = clip(rescale_grad * grad):
        m' = mu m;   w_new = w + mu m' - (1 + mu) lr (g + wd w);   m = m' - lr (g + wd w_new)
    (the momentum takes its weight decay from the new weight: MXNet's kernel writes the weight
    before it reads it again; checked against MXNet). Without momentum, SGD's step."""

    def update(self, name, weight, grad, state):
        """One NAG step on `weight` in place; `state` is the momentum or None."""
        weight, grad, state = raw(weight), raw(grad), raw(state)
        if state is None:
            return super().update(name, weight, grad, state)
        xp = get_array_module(weight)
        self._count(name)
        lr, wd, mu = self._lr_for(name), self._wd_for(name), self.momentum
        g = self._scaled_grad(xp, grad)
        state *= mu                                            # m' = mu m
        weight += mu * state - (1 + mu) * lr * (g + wd * weight)
        state -= lr * (g + wd * weight)                        # m = m' - lr (g + wd w_new)


class Adam(Optimizer):

    """Adam(learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8, **Optimizer's arguments): g =
    clip(rescale_grad * grad) + wd w; m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; w = w - lr_t
    m / (sqrt(v) + epsilon) with lr_t = lr sqrt(1 - b2^t) / (1 - b1^t) (MXNet's bias correction)."""
    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
        self.beta1, self.beta2, self.epsilon = beta1, beta2, epsilon

    def create_state(self, name, weight):
        weight = raw(weight)
        xp = get_array_module(weight)
        return xp.zeros_like(weight), xp.zeros_like(weight)

    def update(self, name, weight, grad, state):
        """One Adam step on `weight` in place (the formulas of the class docstring); `state` is (m,
        v)."""
        weight, grad, state = raw(weight), raw(grad), raw(state)
        xp = get_array_module(weight)
        t = self._count(name)
        mean, var = state
        g = self._scaled_grad(xp, grad)
        wd = self._wd_for(name)
        if wd:
            g += wd * weight
        mean *= self.beta1
        mean += (1 - self.beta1) * g
        var *= self.beta2
        var += (1 - self.beta2) * g * g
        lr_t = self._lr_for(name) * math.sqrt(1 - self.beta2 ** t) / (1 - self.beta1 ** t)
        weight -= lr_t * mean / (xp.sqrt(var) + self.epsilon)


def create(name, **kwargs):
    """'sgd' or 'adam' (any case), or an Optimizer passed through."""
    if isinstance(name, Optimizer):
        return name
    classes = {'sgd': SGD, 'nag': NAG, 'adam': Adam}
    if str(name).lower() not in classes:
        raise ValueError('optimizer.create: unknown optimizer %r; known: %s'
                         % (name, ', '.join(sorted(classes))))
    try:
        return classes[str(name).lower()](**kwargs)
    except TypeError as err:
        raise TypeError('optimizer %r: %s' % (name, err)) from None


class Updater:
    """Keeps one state per parameter and applies the optimizer (MXNet's get_updater).
    `updater(name, grad, weight)` is MXNet's order (its kvstore calls it so), while the optimizer's
    own `update(name, weight, grad, state)` is MXNet's order too: the two differ there as well."""

    def __init__(self, optimizer):
        self.optimizer = optimizer
        self.states = {}

    def __call__(self, name, grad, weight):
        if name not in self.states:
            self.states[name] = self.optimizer.create_state(name, weight)
        self.optimizer.update(name, weight, grad, self.states[name])

    def save_states(self, fname):
        """The states, {name: None | array | tuple of arrays}, to `fname` as keys `name:i` (an
        .npz archive written whole, as checkpoints are)."""
        arrays = {}
        for name, state in self.states.items():
            parts = state if isinstance(state, tuple) else ([] if state is None else [state])
            for i, array in enumerate(parts):
                arrays['%s:%d' % (name, i)] = to_numpy(array)
        save_arrays(fname, arrays)

    def load_states(self, fname, xp):
        """What save_states wrote, onto the array module `xp` (the parameters' device)."""
        grouped = {}
        for key, array in load_arrays(fname, 'load_optimizer_states',
                                      'optimizer states').items():
            name, _, index = key.rpartition(':')
            grouped.setdefault(name, {})[int(index)] = to_device(array, xp)
        for name, parts in grouped.items():
            values = [parts[i] for i in sorted(parts)]
            self.states[name] = values[0] if len(values) == 1 else tuple(values)


def get_updater(optimizer):
    """An Updater for `optimizer`: updater(name, grad, weight) keeps each parameter's state and
    updates it."""
    return Updater(optimizer)
