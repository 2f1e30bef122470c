"""Optimizers: `update(name, weight, grad, state)` changes `weight` in place.

SGD, as MXNet's kernels do it (wd applies to `*_weight` only, never to biases):
    g = clip(rescale_grad * grad, -clip_gradient, clip_gradient)
    no momentum:   w = w - lr * (g + wd * w)
    momentum mu:   m = mu * m - lr * (g + wd * w);   w = w + m
Adam (Kingma & Ba, with MXNet's bias correction folded into the step size), g as above plus wd * w:
    m = b1 m + (1 - b1) g;   v = b2 v + (1 - b2) g^2;   w = w - lr_t m / (sqrt(v) + eps),
    lr_t = lr sqrt(1 - b2^t) / (1 - b1^t)
`rescale_grad` is where the batch average happens: Module.fit sets it to 1 / batch_size.
The others MXNet 1.x has (NAG, AdaGrad, RMSProp, AdaDelta, Adamax, Nadam, Signum, Ftrl, FTML,
SGLD, LAMB) give their formulas in their docstrings, each as MXNet 1.9.1's code computes it (where wd
and clipping enter differs between them, as it does in MXNet).
"""
import logging
import math
import warnings

import numpy as np

from . import rng
from .backend import copy_into, get_array_module, to_device, to_numpy
from .fileio import load_arrays, save_arrays
from .ndarray import NDArray
from .ndarray.ndarray import array_of
from .util import warn_ignored


def raw(value):
    """The NumPy or CuPy array under an NDArray (a tuple of states: each), so that the in-place
    updates below change the caller's memory (NumPy's `state -= ndarray` would rebind `state` to
    a new NDArray instead). MXNet code passes NDArrays; Module and the Trainer pass arrays."""
    return tuple(raw(v) for v in value) if isinstance(value, tuple) else array_of(value)


def _like_weight(state, weight):
    """A state (None, an array or a tuple of them) as NDArrays over the same memory when the
    weight is an NDArray, so that MXNet code sees the types MXNet gives."""
    if not isinstance(weight, NDArray) or state is None:
        return state
    if isinstance(state, tuple):
        return tuple(_like_weight(part, weight) for part in state)
    return state if isinstance(state, NDArray) else NDArray(state, weight.context)


class Optimizer:

    """Base of the optimizers, with MXNet's arguments: learning_rate=0.01, wd=0.0 (weight decay, on
    *_weight only), rescale_grad=1.0 (Module sets 1/batch_size), clip_gradient=None (clip rescaled
    gradients to +-clip_gradient), lr_scheduler=None (a function of the update count),
    begin_num_update=0, sym=None (a Symbol whose variables' __lr_mult__ and __wd_mult__
    attributes scale their learning rate and weight decay, as Module passes it).
    update(name, weight, grad, state) changes weight in place."""
    def __init__(self, learning_rate=None, wd=0.0, rescale_grad=1.0, clip_gradient=None,
                 lr_scheduler=None, param_idx2name=None, begin_num_update=0, multi_precision=False,
                 param_dict=None, sym=None):
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
        self.multi_precision = bool(multi_precision)
        warn_ignored('Optimizer', 'param_idx2name', param_idx2name, None)
        self.param_dict = dict(param_dict or {})     # name -> Parameter: its lr_mult, wd_mult
        self.lr, self.wd, self.rescale_grad = float(learning_rate), float(wd), float(rescale_grad)
        self.clip_gradient = clip_gradient
        self.lr_scheduler = lr_scheduler
        self.num_update = begin_num_update
        self._counts = {}
        self.sym_info = (sym.attr_dict(), sym.list_arguments()) if sym is not None else ()
        self.set_lr_mult({})
        self.set_wd_mult({})

    def _from_symbol(self, key):
        """{argument: float(its attribute `key`)} of the symbol given as sym=."""
        if not self.sym_info:
            return {}
        attrs, names = self.sym_info
        return {n: float(attrs[n][key]) for n in names if key in attrs.get(n, {})}

    def set_lr_mult(self, args_lr_mult):
        """Learning-rate multipliers {parameter name: multiplier}: the symbol's __lr_mult__
        attributes (sym=), updated with `args_lr_mult` (MXNet's)."""
        self.lr_mult = dict(self._from_symbol('__lr_mult__'), **args_lr_mult)

    def set_wd_mult(self, args_wd_mult):
        """Weight-decay multipliers {parameter name: multiplier}: the symbol's __wd_mult__
        attributes (sym=), updated with `args_wd_mult` (MXNet's)."""
        self.wd_mult = dict(self._from_symbol('__wd_mult__'), **args_wd_mult)

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
        if name in self.wd_mult:
            return self.wd * self.wd_mult[name]
        if isinstance(name, str) and not name.endswith(('_weight', '_gamma')):
            return 0.0
        return self.wd

    def _lr_for(self, name):
        """The learning rate for parameter `name`: the current one times its Parameter's lr_mult
        (or its lr_mult from set_lr_mult / the symbol)."""
        param = self.param_dict.get(name)
        return self.learning_rate * (param.lr_mult if param is not None else
                                     self.lr_mult.get(name, 1.0))

    def _count(self, name):
        self._counts[name] = self._counts.get(name, 0) + 1
        self.num_update = max(self.num_update, self._counts[name])
        return self._counts[name]

    # MXNet's names for the helpers above, which optimizers written against MXNet's base class
    # (its own tests' reference optimizers) call
    def _update_count(self, index):
        """Count an update of `index` (or of each index of a list)."""
        for i in (index if isinstance(index, (list, tuple)) else [index]):
            self._count(i)

    @property
    def _index_update_count(self):
        """{index: updates so far} (MXNet's name)."""
        return self._counts

    def _get_lr(self, index):
        return self._lr_for(index)

    def _get_wd(self, index):
        return self._wd_for(index)

    def _get_lrs(self, indices):
        return [self._lr_for(i) for i in indices]

    def _get_wds(self, indices):
        return [self._wd_for(i) for i in indices]

    def _scaled_grad(self, xp, grad):
        g = grad * self.rescale_grad       # a new array: the caller's gradient is not touched
        if self.clip_gradient is not None:
            xp.clip(g, -self.clip_gradient, self.clip_gradient, out=g)
        return g

    def create_state(self, name, weight):
        """The state `update` keeps for the parameter `name` (None when there is none)."""
        return None

    # where the float32 master copy goes in a multi_precision state: MXNet's base class puts it
    # first, (master, state); its SGD and NAG put it last, (state, master)
    master_copy_first = True

    def create_state_multi_precision(self, index, weight):
        """The state of `weight`, MXNet's mixed-precision way (the Updater, Trainer and Module
        call this one): with multi_precision=True a float16 weight gets a float32 master copy,
        updated in its place (master_copy_first says where it goes in the state); without, a
        float16 weight warns that accumulating in float16 loses precision. For an NDArray
        weight the state's arrays come as NDArrays over the same memory, as MXNet's."""
        if self.multi_precision and weight.dtype == np.float16:
            master = weight.astype(np.float32)
            state = self.create_state(index, master)
            pair = (master, state) if self.master_copy_first else (state, master)
            return _like_weight(pair, weight)
        if weight.dtype == np.float16:
            warnings.warn('%s: accumulating with float16 in the optimizer can lead to poor '
                          'accuracy or slow convergence; consider multi_precision=True'
                          % type(self).__name__)
        return _like_weight(self.create_state(index, weight), weight)

    def update_multi_precision(self, index, weight, grad, state):
        """update, MXNet's mixed-precision way: a float16 weight with multi_precision=True is
        updated through its float32 master copy (the gradient cast to float32), then set to the
        copy rounded to float16. Lists of indices, weights, gradients and states (MXNet's
        multi-tensor form) update each in turn."""
        if isinstance(index, (list, tuple)):
            for i, w, g, st in zip(index, weight, grad, state):
                self.update_multi_precision(i, w, g, st)
            return
        if self.multi_precision and weight.dtype == np.float16:
            master, original = (state[0], state[1]) if self.master_copy_first else \
                (state[1], state[0])
            self.update(index, master, grad.astype(np.float32), original)
            if isinstance(weight, NDArray):
                weight[:] = master.astype(np.float16)
            else:
                copy_into(weight, master.astype(np.float16))
        else:
            self.update(index, weight, grad, state)


class SGD(Optimizer):

    """SGD(momentum=0.0, **Optimizer's arguments): g = clip(rescale_grad * grad); without momentum w =
    w - lr (g + wd w); with momentum mu, m = mu m - lr (g + wd w) and w = w + m (MXNet's kernels)."""
    master_copy_first = False        # MXNet's SGD: (state, master)
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
        self._count(name)
        self._step(weight, grad, state, self._lr_for(name), self._wd_for(name))

    def _step(self, weight, grad, state, lr, wd):
        """The update itself, with the learning rate and weight decay given."""
        xp = get_array_module(weight)
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


class LBSGD(SGD):
    """LBSGD(momentum=0.0, multi_precision=False, warmup_strategy='linear', warmup_epochs=5,
    batch_scale=1, updates_per_epoch=32, begin_epoch=0, num_epochs=60, **Optimizer's arguments):
    large-batch SGD as MXNet 1.9.1's. Gradients are summed over batch_scale calls; every
    batch_scale-th call (counting from begin_epoch * updates_per_epoch) takes one SGD step with
    their mean and the learning rate times a warm-up factor m of the count n, reaching batch_scale
    after nw = warmup_epochs * updates_per_epoch calls:
        'linear' m = 1 + (batch_scale - 1) n / nw,  'power2' ... (n / nw)^2,  'sqrt' ... sqrt(n / nw)
        'lars'   m = sqrt(|w|^2 / (|g|^2 + wd |w|^2 + 1e-18)) clipped to [0.01, 100]
    The other calls leave the weight alone. num_epochs is accepted and unused (as in MXNet)."""
    master_copy_first = True         # MXNet's, a subclass of its Optimizer

    def __init__(self, momentum=0.0, multi_precision=False, warmup_strategy='linear',
                 warmup_epochs=5, batch_scale=1, updates_per_epoch=32, begin_epoch=0,
                 num_epochs=60, **kwargs):
        super().__init__(momentum=momentum, multi_precision=multi_precision, **kwargs)
        if warmup_strategy not in ('linear', 'power2', 'sqrt', 'lars'):
            raise ValueError("LBSGD: warmup_strategy must be 'linear', 'power2', 'sqrt' or "
                             "'lars', got %r" % (warmup_strategy,))
        self.warmup_strategy, self.warmup_epochs = warmup_strategy, warmup_epochs
        self.batch_scale, self.updates_per_epoch = batch_scale, updates_per_epoch
        self.init_updates, self.num_epochs = begin_epoch * updates_per_epoch, num_epochs
        self._sums, self._calls = {}, {}

    def _warmup(self, n, weight, grad, wd):
        if self.warmup_strategy == 'lars':
            w2, g2 = float((weight * weight).sum()), float((grad * grad).sum())
            return min(max(math.sqrt(w2 / (g2 + wd * w2 + 1e-18)), 0.01), 100)
        nw, top = self.warmup_epochs * self.updates_per_epoch, float(self.batch_scale)
        if n >= nw:
            return top
        if nw <= 1:
            return 1.0
        shape = {'linear': n / nw, 'power2': (n / nw) ** 2, 'sqrt': math.sqrt(n / nw)}
        return 1.0 + (top - 1) * shape[self.warmup_strategy]

    def update(self, name, weight, grad, state):
        """Add grad to the sum; every batch_scale-th call, one SGD step (see the class)."""
        weight, grad, state = raw(weight), raw(grad), raw(state)
        self._count(name)
        lr, wd = self._lr_for(name), self._wd_for(name)
        n = self._calls[name] = self._calls.get(name, self.init_updates) + 1
        total = self._sums[name] = self._sums.get(name, 0) + grad
        if n % self.batch_scale == 0:
            mean = total / self.batch_scale
            self._step(weight, mean, state, lr * self._warmup(n, weight, mean, wd), wd)
            self._sums[name] = 0


class DCASGD(SGD):
    """DCASGD(momentum=0.0, lamda=0.04, **Optimizer's arguments): SGD with delay compensation
    (Zheng et al.), as MXNet 1.9.1, g = clip(rescale_grad * grad), w_prev the weight before the
    last step:  step = -lr (g + wd w + lamda g^2 (w - w_prev));  with momentum mu, m = mu m + step
    and the step is m;  w_prev = w;  w = w + step. (MXNet 1.9.1's own momentum branch fails on
    an NDArray's truth value; tinynet's does what its formula says.)"""
    master_copy_first = True         # MXNet's, a subclass of its Optimizer

    def __init__(self, momentum=0.0, lamda=0.04, **kwargs):
        super().__init__(momentum=momentum, **kwargs)
        self.lamda = lamda

    def create_state(self, name, weight):
        weight = raw(weight)
        xp = get_array_module(weight)
        return (xp.zeros_like(weight) if self.momentum else None), weight.copy()

    def update(self, name, weight, grad, state):
        """One step on `weight` in place; `state` is (momentum or None, previous weight)."""
        weight, grad, (mom, previous) = raw(weight), raw(grad), raw(state)
        xp = get_array_module(weight)
        self._count(name)
        lr, wd = self._lr_for(name), self._wd_for(name)
        g = self._scaled_grad(xp, grad)
        step = -lr * (g + wd * weight + self.lamda * g * g * (weight - previous))
        if mom is not None:
            mom *= self.momentum
            mom += step
            step = mom
        previous[...] = weight
        weight += step


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


class AdaGrad(Optimizer):
    """AdaGrad(eps=1e-7, **Optimizer's arguments), as MXNet 1.9.1: g = clip(rescale_grad * grad);
    h = h + g^2; w = w - lr (g / sqrt(h + eps) + wd w)."""
    def __init__(self, eps=1e-7, **kwargs):
        super().__init__(**kwargs)
        self.float_stable_eps = eps

    def create_state(self, name, weight):
        weight = raw(weight)
        return get_array_module(weight).zeros_like(weight)          # h, the sum of g^2

    def update(self, name, weight, grad, state):
        """One AdaGrad step on `weight` in place; `state` is h."""
        weight, grad, history = raw(weight), raw(grad), raw(state)
        xp = get_array_module(weight)
        self._count(name)
        lr, wd = self._lr_for(name), self._wd_for(name)
        g = self._scaled_grad(xp, grad)
        history += g * g
        weight -= lr * (g / xp.sqrt(history + self.float_stable_eps) + wd * weight)


class RMSProp(Optimizer):
    """RMSProp(learning_rate=0.001, gamma1=0.9, gamma2=0.9, epsilon=1e-8, centered=False,
    clip_weights=None, **Optimizer's arguments), MXNet 1.9.1's kernels, g = clip(rescale_grad *
    grad + wd w):
        plain (Tieleman & Hinton):  n = g1 n + (1 - g1) g^2;   w = w - lr g / sqrt(n + eps)
        centered (Graves):          n as above;  m = g1 m + (1 - g1) g;
                                    d = g2 d - lr g / sqrt(n - m^2 + eps);   w = w + d
    then w clipped to +-clip_weights when given."""
    def __init__(self, learning_rate=0.001, gamma1=0.9, gamma2=0.9, epsilon=1e-8, centered=False,
                 clip_weights=None, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
        self.gamma1, self.gamma2, self.epsilon = gamma1, gamma2, epsilon
        self.centered, self.clip_weights = centered, clip_weights

    def create_state(self, name, weight):
        weight = raw(weight)
        xp = get_array_module(weight)
        return tuple(xp.zeros_like(weight) for _ in range(3 if self.centered else 1))

    def update(self, name, weight, grad, state):
        """One RMSProp step on `weight` in place; `state` is (n,) or, centered, (n, m, d)."""
        weight, grad, state = raw(weight), raw(grad), raw(state)
        state = state if isinstance(state, tuple) else (state,)   # (n,) as loaded from a file
        xp = get_array_module(weight)
        self._count(name)
        lr, wd, g1 = self._lr_for(name), self._wd_for(name), self.gamma1
        g = grad * self.rescale_grad + wd * weight
        if self.clip_gradient is not None:
            xp.clip(g, -self.clip_gradient, self.clip_gradient, out=g)
        n = state[0]
        n *= g1
        n += (1 - g1) * g * g
        if not self.centered:
            weight -= lr * g / xp.sqrt(n + self.epsilon)
        else:
            _, m, d = state
            m *= g1
            m += (1 - g1) * g
            d *= self.gamma2
            d -= lr * g / xp.sqrt(n - m * m + self.epsilon)
            weight += d
        if self.clip_weights:
            xp.clip(weight, -self.clip_weights, self.clip_weights, out=weight)


class AdaDelta(Optimizer):
    """AdaDelta(rho=0.9, epsilon=1e-5, **Optimizer's arguments), Zeiler's, as MXNet 1.9.1 (no
    learning rate): g = clip(rescale_grad * grad); a = rho a + (1 - rho) g^2;
    step = sqrt(s + eps) / sqrt(a + eps) g;   s = rho s + (1 - rho) step^2;   w = w - step - wd w."""
    def __init__(self, rho=0.90, epsilon=1e-5, **kwargs):
        super().__init__(**kwargs)
        self.rho, self.epsilon = rho, epsilon

    def create_state(self, name, weight):
        weight = raw(weight)
        xp = get_array_module(weight)
        return xp.zeros_like(weight), xp.zeros_like(weight)       # a (of g^2), s (of step^2)

    def update(self, name, weight, grad, state):
        """One AdaDelta step on `weight` in place; `state` is (a, s)."""
        weight, grad, (acc_g, acc_delta) = raw(weight), raw(grad), raw(state)
        xp = get_array_module(weight)
        wd = self._wd_for(name)
        self._count(name)
        g = self._scaled_grad(xp, grad)
        acc_g *= self.rho
        acc_g += (1 - self.rho) * g * g
        step = xp.sqrt(acc_delta + self.epsilon) / xp.sqrt(acc_g + self.epsilon) * g
        acc_delta *= self.rho
        acc_delta += (1 - self.rho) * step * step
        weight -= step + wd * weight


class Adamax(Optimizer):
    """Adamax(learning_rate=0.002, beta1=0.9, beta2=0.999, **Optimizer's arguments), Adam with
    the infinity norm, as MXNet 1.9.1: g = clip(rescale_grad * grad + wd w);
    m = b1 m + (1 - b1) g;   u = max(b2 u, |g|);   w = w - lr / (1 - b1^t) m / u."""
    def __init__(self, learning_rate=0.002, beta1=0.9, beta2=0.999, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
        self.beta1, self.beta2 = beta1, beta2

    def create_state(self, name, weight):
        weight = raw(weight)
        xp = get_array_module(weight)
        return xp.zeros_like(weight), xp.zeros_like(weight)

    def update(self, name, weight, grad, state):
        """One Adamax step on `weight` in place; `state` is (m, u)."""
        weight, grad, (m, u) = raw(weight), raw(grad), raw(state)
        xp = get_array_module(weight)
        t = self._count(name)
        lr = self._lr_for(name) / (1 - self.beta1 ** t)
        g = grad * self.rescale_grad + self._wd_for(name) * weight
        if self.clip_gradient is not None:
            xp.clip(g, -self.clip_gradient, self.clip_gradient, out=g)
        m *= self.beta1
        m += (1 - self.beta1) * g
        xp.maximum(self.beta2 * u, xp.abs(g), out=u)
        weight -= lr * m / u


class Nadam(Optimizer):
    """Nadam(learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8, schedule_decay=0.004,
    **Optimizer's arguments): Adam with Nesterov momentum (Dozat), as MXNet 1.9.1, g =
    clip(rescale_grad * grad + wd w), mu_t = b1 (1 - 0.96^(t schedule_decay) / 2), M_t the
    product mu_1 ... mu_t (kept by the optimizer, over every parameter's updates, as MXNet does):
        m = b1 m + (1 - b1) g;   v = b2 v + (1 - b2) g^2
        m_bar = (1 - mu_t) g / (1 - M_t) + mu_(t+1) m / (1 - M_t mu_(t+1))
        w = w - lr m_bar / (sqrt(v / (1 - b2^t)) + eps)"""
    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8,
                 schedule_decay=0.004, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
        self.beta1, self.beta2, self.epsilon = beta1, beta2, epsilon
        self.schedule_decay, self.m_schedule = schedule_decay, 1.0

    def create_state(self, name, weight):
        weight = raw(weight)
        xp = get_array_module(weight)
        return xp.zeros_like(weight), xp.zeros_like(weight)

    def update(self, name, weight, grad, state):
        """One Nadam step on `weight` in place; `state` is (m, v)."""
        weight, grad, (m, v) = raw(weight), raw(grad), raw(state)
        xp = get_array_module(weight)
        t = self._count(name)
        lr = self._lr_for(name)
        g = grad * self.rescale_grad + self._wd_for(name) * weight
        if self.clip_gradient is not None:
            xp.clip(g, -self.clip_gradient, self.clip_gradient, out=g)
        mu_t = self.beta1 * (1 - 0.5 * 0.96 ** (t * self.schedule_decay))
        mu_next = self.beta1 * (1 - 0.5 * 0.96 ** ((t + 1) * self.schedule_decay))
        self.m_schedule *= mu_t
        m *= self.beta1
        m += (1 - self.beta1) * g
        v *= self.beta2
        v += (1 - self.beta2) * g * g
        m_bar = (1 - mu_t) * g / (1 - self.m_schedule) + \
            mu_next * m / (1 - self.m_schedule * mu_next)
        weight -= lr * m_bar / (xp.sqrt(v / (1 - self.beta2 ** t)) + self.epsilon)


class Signum(Optimizer):
    """Signum(learning_rate=0.01, momentum=0.9, wd_lh=0.0, **Optimizer's arguments): steps of
    size lr in the sign of the momentum (Bernstein et al.), MXNet 1.9.1's kernels:
        with momentum mu:  m = mu m - (1 - mu) (wd w + clip(rescale_grad * grad));
                           w = (1 - lr wd_lh) w + lr sign(m)
        momentum 0:        w = (1 - lr wd) w - lr sign(grad)   (clip_gradient plays no part)"""
    def __init__(self, learning_rate=0.01, momentum=0.9, wd_lh=0.0, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
        self.momentum, self.wd_lh = momentum, wd_lh

    def create_state(self, name, weight):
        weight = raw(weight)
        return get_array_module(weight).zeros_like(weight) if self.momentum else None

    def update(self, name, weight, grad, state):
        """One Signum step on `weight` in place; `state` is the momentum or None."""
        weight, grad, state = raw(weight), raw(grad), raw(state)
        xp = get_array_module(weight)
        self._count(name)
        lr, wd = self._lr_for(name), self._wd_for(name)
        if state is None:
            weight *= 1 - lr * wd
            weight -= lr * xp.sign(grad)
            return
        state *= self.momentum
        state -= (1 - self.momentum) * (wd * weight + self._scaled_grad(xp, grad))
        weight *= 1 - lr * self.wd_lh
        weight += lr * xp.sign(state)


class Ftrl(Optimizer):
    """Ftrl(lamda1=0.01, learning_rate=0.1, beta=1, **Optimizer's arguments): McMahan et al.'s
    Follow The Regularized Leader, MXNet 1.9.1's kernel, g = clip(rescale_grad * grad):
        z = z + g - (sqrt(n + g^2) - sqrt(n)) w / lr;   n = n + g^2
        w = (sign(z) lamda1 - z) / ((beta + sqrt(n)) / lr + wd)  where |z| > lamda1, else 0"""
    def __init__(self, lamda1=0.01, learning_rate=0.1, beta=1, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
        self.lamda1, self.beta = lamda1, beta

    def create_state(self, name, weight):
        weight = raw(weight)
        xp = get_array_module(weight)
        return xp.zeros_like(weight), xp.zeros_like(weight)        # z, n

    def update(self, name, weight, grad, state):
        """One FTRL step on `weight` in place; `state` is (z, n)."""
        weight, grad, (z, n) = raw(weight), raw(grad), raw(state)
        xp = get_array_module(weight)
        self._count(name)
        lr, wd = self._lr_for(name), self._wd_for(name)
        g = self._scaled_grad(xp, grad)
        z += g - (xp.sqrt(n + g * g) - xp.sqrt(n)) * weight / lr
        n += g * g
        weight[...] = (xp.sign(z) * self.lamda1 - z) / ((self.beta + xp.sqrt(n)) / lr + wd) * \
            (xp.abs(z) > self.lamda1)


class FTML(Optimizer):
    """FTML(beta1=0.6, beta2=0.999, epsilon=1e-8, **Optimizer's arguments): Follow the Moving
    Leader (Zheng & Kwok), MXNet 1.9.1's kernel, g = clip(rescale_grad * grad + wd w):
        v = b2 v + (1 - b2) g^2;   d_t = (1 - b1^t) / lr (sqrt(v / (1 - b2^t)) + eps)
        z = b1 z + (1 - b1) g - (d_t - b1 d) w;   d = d_t;   w = -z / d_t"""
    def __init__(self, beta1=0.6, beta2=0.999, epsilon=1e-8, **kwargs):
        super().__init__(**kwargs)
        self.beta1, self.beta2, self.epsilon = beta1, beta2, epsilon

    def create_state(self, name, weight):
        weight = raw(weight)
        xp = get_array_module(weight)
        return tuple(xp.zeros_like(weight) for _ in range(3))        # d, v, z

    def update(self, name, weight, grad, state):
        """One FTML step on `weight` in place; `state` is (d, v, z)."""
        weight, grad, (d, v, z) = raw(weight), raw(grad), raw(state)
        xp = get_array_module(weight)
        t = self._count(name)
        lr = self._lr_for(name)
        g = grad * self.rescale_grad + self._wd_for(name) * weight
        if self.clip_gradient is not None:
            xp.clip(g, -self.clip_gradient, self.clip_gradient, out=g)
        v *= self.beta2
        v += (1 - self.beta2) * g * g
        d_t = (1 - self.beta1 ** t) / lr * (xp.sqrt(v / (1 - self.beta2 ** t)) + self.epsilon)
        z *= self.beta1
        z += (1 - self.beta1) * g - (d_t - self.beta1 * d) * weight
        d[...] = d_t
        weight[...] = -z / d_t


class SGLD(Optimizer):
    """SGLD(**Optimizer's arguments): Stochastic Gradient Langevin Dynamics (Welling & Teh), as
    MXNet 1.9.1: g = clip(rescale_grad * grad); w = w - lr / 2 (g + wd w) + N(0, lr) noise (drawn
    from tinynet.rng, so a seeded run repeats)."""

    def update(self, name, weight, grad, state):
        """One SGLD step on `weight` in place (no state)."""
        weight, grad = raw(weight), raw(grad)
        xp = get_array_module(weight)
        self._count(name)
        lr, wd = self._lr_for(name), self._wd_for(name)
        weight -= lr / 2 * (self._scaled_grad(xp, grad) + wd * weight)
        noise = rng.generator().normal(0, math.sqrt(lr), weight.shape)
        weight += to_device(noise.astype(weight.dtype), xp)


class LAMB(Optimizer):
    """LAMB(learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-6, lower_bound=None,
    upper_bound=None, bias_correction=True, **Optimizer's arguments): Adam's direction with a
    layer-wise trust ratio (You et al., large-batch training), as MXNet 1.9.1's two kernels:
        g = clip(rescale_grad * grad);  m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2
        r = m^ / (sqrt(v^) + epsilon) + wd w,  m^ = m / (1 - b1^t), v^ = v / (1 - b2^t)
            (m and v themselves without bias_correction)
        r1 = ||w|| (clipped to [lower_bound, upper_bound] where given),  r2 = ||r||
        w = w - lr (r1 / r2) r   (lr r where r1 or r2 is 0)."""
    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-6,
                 lower_bound=None, upper_bound=None, bias_correction=True, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
        self.beta1, self.beta2, self.epsilon = beta1, beta2, epsilon
        self.lower_bound, self.upper_bound = lower_bound, upper_bound
        self.bias_correction = bias_correction

    def create_state(self, name, weight):
        weight = raw(weight)
        xp = get_array_module(weight)
        return xp.zeros_like(weight), xp.zeros_like(weight)

    def update(self, name, weight, grad, state):
        """One LAMB step on `weight` in place (the class docstring's formulas); `state` is
        (m, v)."""
        weight, grad, (mean, var) = raw(weight), raw(grad), raw(state)
        xp = get_array_module(weight)
        t = self._count(name)
        g = self._scaled_grad(xp, grad)
        mean *= self.beta1
        mean += (1 - self.beta1) * g
        var *= self.beta2
        var += (1 - self.beta2) * g * g
        m, v = mean, var
        if self.bias_correction:
            m, v = mean / (1 - self.beta1 ** t), var / (1 - self.beta2 ** t)
        r = m / (xp.sqrt(v) + self.epsilon) + self._wd_for(name) * weight
        r1, r2 = float(xp.linalg.norm(weight)), float(xp.linalg.norm(r))
        if self.lower_bound:               # MXNet passes the bounds only when they are truthy
            r1 = max(r1, self.lower_bound)
        if self.upper_bound:
            r1 = min(r1, self.upper_bound)
        ratio = r1 / r2 if r1 != 0 and r2 != 0 else 1.0
        weight -= (self._lr_for(name) * ratio) * r


# name (lower case) -> Optimizer subclass: the built-in ones, and those `register` adds
Optimizer.opt_registry = {'sgd': SGD, 'nag': NAG, 'lbsgd': LBSGD, 'dcasgd': DCASGD, 'adam': Adam,
                          'adagrad': AdaGrad, 'rmsprop': RMSProp, 'adadelta': AdaDelta,
                          'adamax': Adamax, 'nadam': Nadam, 'signum': Signum, 'ftrl': Ftrl,
                          'ftml': FTML, 'sgld': SGLD, 'lamb': LAMB}


def register(klass):
    """Register an Optimizer subclass under its class name in lower case, so that
    create('myopt') and Trainer(params, 'myopt') make it (MXNet's decorator; a name taken
    already is replaced, with a warning)."""
    import warnings
    if not (isinstance(klass, type) and issubclass(klass, Optimizer)):
        raise TypeError('optimizer.register: expects an Optimizer subclass, got %r' % (klass,))
    name = klass.__name__.lower()
    if name in Optimizer.opt_registry:
        warnings.warn('WARNING: New optimizer %s.%s is overriding existing optimizer %s.%s'
                      % (klass.__module__, klass.__name__,
                         Optimizer.opt_registry[name].__module__,
                         Optimizer.opt_registry[name].__name__))
    Optimizer.opt_registry[name] = klass
    return klass


Optimizer.register = staticmethod(register)


def create(name, **kwargs):
    """An optimizer by its name, in any case ('sgd', 'nag', 'lbsgd', 'dcasgd', 'adam', 'adagrad', 'rmsprop',
    'adadelta', 'adamax', 'nadam', 'signum', 'ftrl', 'ftml', 'sgld', 'lamb', or one `register`
    added),
    or an Optimizer passed through."""
    if isinstance(name, Optimizer):
        return name
    classes = Optimizer.opt_registry
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
            self.states[name] = self.optimizer.create_state_multi_precision(name, weight)
        self.optimizer.update_multi_precision(name, weight, grad, self.states[name])

    def save_states(self, fname):
        """The states, {name: None | array | tuple of arrays}, to `fname` as names `name:i` (in
        MXNet's NDArray file format, written whole, as checkpoints are)."""
        arrays = {}
        for name, state in self.states.items():
            parts = state if isinstance(state, tuple) else ([] if state is None else [state])
            for i, array in enumerate(parts):
                if array is None:        # a tuple's empty place (DCASGD without momentum)
                    arrays['%s:%d:none' % (name, i)] = np.zeros(0, np.float32)
                else:
                    arrays['%s:%d' % (name, i)] = to_numpy(array)
        save_arrays(fname, arrays)

    def load_states(self, fname, xp):
        """What save_states wrote, onto the array module `xp` (the parameters' device)."""
        grouped = {}
        for key, array in load_arrays(fname, 'load_optimizer_states',
                                      'optimizer states').items():
            empty = key.endswith(':none')
            name, _, index = key[:-5 if empty else None].rpartition(':')
            name = int(name) if name.isdigit() else name     # MXNet's raw updaters use indices
            grouped.setdefault(name, {})[int(index)] = None if empty else to_device(array, xp)
        for name, parts in grouped.items():
            values = [parts[i] for i in sorted(parts)]
            self.states[name] = values[0] if len(values) == 1 else tuple(values)


def get_updater(optimizer):
    """An Updater for `optimizer`: updater(name, grad, weight) keeps each parameter's state and
    updates it."""
    return Updater(optimizer)
