"""BatchNorm: normalise each channel over the batch (and the pixels), then scale and shift.

Shapes: x (N, C, ...) with channels on `axis` (1); gamma, beta, moving_mean, moving_var (C,). For
each channel, over the n = N*H*W... values it has:

    training:    mu = mean(x),  var = mean((x - mu)^2)  (the biased variance),
                 xhat = (x - mu) / sqrt(var + eps),      y = gamma xhat + beta
                 moving_mean = momentum moving_mean + (1 - momentum) mu, likewise moving_var
                 (in place: they are auxiliary states, changed once per training forward)
    backward:    dbeta = sum(dy),  dgamma = sum(dy xhat),  dxhat = dy gamma,
                 dx = (n dxhat - sum(dxhat) - xhat sum(dxhat xhat)) / (n sqrt(var + eps))
    prediction (or use_global_stats): mu, var are moving_mean, moving_var; dx = dy gamma / sqrt(var + eps)
fix_gamma=True (the symbol's default) holds gamma at 1 and gives it a zero gradient. Defaults as
MXNet's symbol: eps=1e-3, momentum=0.9, fix_gamma=True (Gluon's nn.BatchNorm passes 1e-5 and
learns gamma).
"""
import collections

from ..base import InvalidArgumentError
from ..engine import is_training
from .attrs import Attr
from .base import Op

BNSaved = collections.namedtuple('BNSaved', ['xhat', 'inv_std', 'gamma', 'axes', 'batch_stats'])


class BatchNorm(Op):
    arguments = ('data', 'gamma', 'beta', 'moving_mean', 'moving_var')
    aux_arguments = ('moving_mean', 'moving_var')
    input_inits = {'moving_mean': '["zero", {}]', 'moving_var': '["one", {}]'}

    attrs = (Attr('eps', 'float', 1e-3, 'added to the variance'),
             Attr('momentum', 'float', 0.9, 'how much of the moving statistics each step keeps'),
             Attr('fix_gamma', 'bool', True, 'hold gamma at 1'),
             Attr('use_global_stats', 'bool', False, 'normalise with the moving statistics in '
                  'training too'),
             Attr('output_mean_var', 'bool', False, 'also output mean and variance; only False '
                  'is supported'),
             Attr('axis', 'int', 1, 'the channel axis'),
             Attr('cudnn_off', 'bool', False, '', ignored='turns cuDNN off'),
             Attr('min_calib_range', 'any', None, '', ignored='is a quantization range'),
             Attr('max_calib_range', 'any', None, '', ignored='is a quantization range'))

    def check(self):
        if self.output_mean_var:
            raise InvalidArgumentError("%s: argument 'output_mean_var' is not supported" % self)
        if self.eps <= 0:
            raise InvalidArgumentError("%s: argument 'eps' must be positive, got %r" % (self, self.eps))

    def infer_shape(self, in_shapes):
        data = in_shapes[0]
        if data is None:        # the parameters still share one 1-D shape
            first = next((s for s in in_shapes[1:] if s is not None), (None,))
            return self.check_param_shapes(in_shapes, [(first[0],)] * (len(in_shapes) - 1))
        if not -len(data) <= self.axis < len(data):
            raise InvalidArgumentError("%s: argument 'axis' %d is not an axis of data of shape %s"
                             % (self, self.axis, tuple(data)))
        channels = (data[self.axis],)
        for arg, given in zip(self.arguments[1:], in_shapes[1:]):
            self.check_shape(arg, given, channels, data)
        return [data] + [channels] * 4, [data]

    def _shape(self, x):
        """(axes reduced over, the (1, C, 1, ...) shape the per-channel vectors broadcast as)."""
        axis = self.axis % x.ndim
        axes = tuple(a for a in range(x.ndim) if a != axis)
        return axes, tuple(x.shape[axis] if a == axis else 1 for a in range(x.ndim))

    def forward(self, xp, inputs, record):
        x, gamma, beta, moving_mean, moving_var = inputs
        axes, shape = self._shape(x)
        g = xp.ones_like(gamma) if self.fix_gamma else gamma
        batch_stats = is_training() and not self.use_global_stats
        if batch_stats:
            mu = x.mean(axis=axes)
            var = ((x - mu.reshape(shape)) ** 2).mean(axis=axes)
            moving_mean *= self.momentum                           # the running statistics,
            moving_mean += (1 - self.momentum) * mu                # in place
            moving_var *= self.momentum
            moving_var += (1 - self.momentum) * var
        else:
            mu, var = moving_mean, moving_var
        inv_std = 1 / xp.sqrt(var + x.dtype.type(self.eps))
        xhat = (x - mu.reshape(shape)) * inv_std.reshape(shape)   # xhat = (x - mu) / sqrt(var + eps)
        y = g.reshape(shape) * xhat + beta.reshape(shape)         # y = gamma xhat + beta
        saved = BNSaved(xhat, inv_std, g, axes, batch_stats) if record else None
        return [y], saved

    def backward(self, xp, saved, out_grads, needs_grad):
        xhat, inv_std, g, axes, batch_stats = saved
        dy = out_grads[0]
        shape = tuple(1 if a in axes else n for a, n in enumerate(dy.shape))
        dbeta = dy.sum(axis=axes)
        dgamma = (dy * xhat).sum(axis=axes)
        if self.fix_gamma:
            dgamma = xp.zeros_like(dgamma)
        dxhat = dy * g.reshape(shape)
        if batch_stats:
            n = dy.size // dbeta.size
            dx = (n * dxhat - dxhat.sum(axis=axes, keepdims=True)
                  - xhat * (dxhat * xhat).sum(axis=axes, keepdims=True)) * (inv_std.reshape(shape)
                                                                          / n)
        else:
            dx = dxhat * inv_std.reshape(shape)
        zeros = xp.zeros_like(dbeta)
        return [dx, dgamma, dbeta, zeros if needs_grad[3] else None,
                zeros.copy() if needs_grad[4] else None]
