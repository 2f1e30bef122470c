"""softmax and log_softmax along an axis (the functions; SoftmaxOutput is the loss head).

    softmax      y = exp(x - m) / sum exp(x - m)        m = max over the axis (exp cannot overflow)
                 dx = y (dy - sum(dy y))                 sums over the axis
    log_softmax  y = x - m - log sum exp(x - m)
                 dx = dy - exp(y) sum(dy)
Shapes: y and dx have x's shape.
"""
from .base import Op, parse_bool, parse_number


class Softmax(Op):

    def __init__(self, name, axis=-1, log=False, temperature=None):
        super().__init__(name)
        self.axis = parse_number(self, 'axis', axis, int)
        self.log = parse_bool(self, 'log', log)
        if temperature not in (None, 'None', 1, 1.0):
            raise ValueError("%s: argument 'temperature' is not supported" % self)

    def infer_shape(self, in_shapes):
        return in_shapes, [in_shapes[0]]

    def forward(self, xp, inputs, record):
        x = inputs[0]
        if not -x.ndim <= self.axis < x.ndim:
            raise ValueError("%s: argument 'axis' %d is out of range for data of shape %s"
                             % (self, self.axis, tuple(x.shape)))
        shifted = x - x.max(axis=self.axis, keepdims=True)          # x - m
        e = xp.exp(shifted)
        total = e.sum(axis=self.axis, keepdims=True)
        y = shifted - xp.log(total) if self.log else e / total
        return [y], (y if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        y, dy = saved, out_grads[0]
        if self.log:
            return [dy - xp.exp(y) * dy.sum(axis=self.axis, keepdims=True)]
        return [y * (dy - (dy * y).sum(axis=self.axis, keepdims=True))]



