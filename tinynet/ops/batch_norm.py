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

from ..engine import is_training
from .base import Op, parse_bool, parse_number

BNSaved = collections.namedtuple('BNSaved', ['xhat', 'inv_std', 'gamma', 'axes', 'batch_stats'])


class BatchNorm(Op):
    arguments = ('data', 'gamma', 'beta', 'moving_mean', 'moving_var')
    aux_arguments = ('moving_mean', 'moving_var')

    def __init__(self, name, eps=1e-3, momentum=0.9, fix_gamma=True, use_global_stats=False,
                 output_mean_var=False, axis=1, cudnn_off=False, min_calib_range=None,
                 max_calib_range=None):
        super().__init__(name)
        self.eps = parse_number(self, 'eps', eps)
        self.momentum = parse_number(self, 'momentum', momentum)
        self.fix_gamma = parse_bool(self, 'fix_gamma', fix_gamma)
        self.use_global_stats = parse_bool(self, 'use_global_stats', use_global_stats)
        self.axis = parse_number(self, 'axis', axis, int)
        if parse_bool(self, 'output_mean_var', output_mean_var):
            raise ValueError("%s: argument 'output_mean_var' is not supported" % self)
        if self.eps <= 0:
            raise ValueError("%s: argument 'eps' must be positive, got %r" % (self, eps))

    def infer_shape(self, in_shapes):
        data = in_shapes[0]
        if data is None:
            return in_shapes, [None]
        if not -len(data) <= self.axis < len(data):
            raise ValueError("%s: argument 'axis' %d is not an axis of data of shape %s"
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
