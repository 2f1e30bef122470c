"""softmax and log_softmax along an axis (the functions; SoftmaxOutput is the loss head).

    z = x / T                                          T = temperature (1 when None, as MXNet)
    softmax      y = exp(z - m) / sum exp(z - m)        m = max over the axis (exp cannot overflow)
                 dx = y (dy - sum(dy y)) / T             sums over the axis
    log_softmax  y = z - m - log sum exp(z - m)
                 dx = (dy - exp(y) sum(dy)) / T
Shapes: y and dx have x's shape.
"""
from ..base import InvalidArgumentError
from .attrs import Attr
from .base import Op


class Softmax(Op):
    attrs = (Attr('axis', 'int', -1, 'the axis the probabilities sum to 1 along'),
             Attr('temperature', 'float', None, 'divides x first; None is 1', minimum=0),
             Attr('log', 'bool', False, "log_softmax (implied by the op's name)"),
             Attr('dtype', 'any', None, '', ignored='sets the output dtype'),
             Attr('use_length', 'bool', False, 'mask by a length input; only False is supported'))
    infer_shape = Op.same_shape

    def check(self):
        if self.temperature == 0:
            raise InvalidArgumentError("%s: argument 'temperature' must be positive" % self)
        if self.use_length:
            raise InvalidArgumentError("%s: argument 'use_length' is not supported" % self)

    def forward(self, xp, inputs, record):
        x = inputs[0]
        if not -x.ndim <= self.axis < x.ndim:
            raise InvalidArgumentError("%s: argument 'axis' %d is out of range for data of shape %s"
                             % (self, self.axis, tuple(x.shape)))
        z = x if self.temperature in (None, 1) else x / x.dtype.type(self.temperature)
        shifted = z - z.max(axis=self.axis, keepdims=True)          # z - m
        e = xp.exp(shifted)
        total = e.sum(axis=self.axis, keepdims=True)
        y = shifted - xp.log(total) if self.log else e / total
        return [y], (y if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        y, dy = saved, out_grads[0]
        if self.log:
            dx = dy - xp.exp(y) * dy.sum(axis=self.axis, keepdims=True)
        else:
            dx = y * (dy - (dy * y).sum(axis=self.axis, keepdims=True))
        if self.temperature not in (None, 1):
            dx /= dx.dtype.type(self.temperature)                   # dz/dx = 1 / T
        return [dx]
