"""Activation: an elementwise nonlinearity, y = f(x), dx = dy * f'(x).

    relu      y = max(x, 0)           f' = 1 where x > 0, else 0 (also at x = 0, as MXNet)
    sigmoid   y = 1 / (1 + e^-x)      f' = y (1 - y)
    tanh      y = tanh(x)             f' = 1 - y^2
    softrelu  y = log(1 + e^x)        f' = sigmoid(x) = 1 - e^-y
    softsign  y = x / (1 + |x|)       f' = 1 / (1 + |x|)^2

Every derivative but softsign's is written in terms of the output y, so backward keeps y only.
"""
from . import fast
from .attrs import Attr
from .base import Op

ACT_TYPES = ('relu', 'sigmoid', 'tanh', 'softrelu', 'softsign')


class Activation(Op):

    attrs = (Attr('act_type', 'choice', doc='which f', choices=ACT_TYPES),)
    infer_shape = Op.same_shape

    def forward(self, xp, inputs, record):
        x, act = inputs[0], self.act_type
        if act == 'relu':
            y = fast.relu(xp, x)                  # max(x, 0)
        elif act == 'sigmoid':
            y = 1 / (1 + xp.exp(-x))
        elif act == 'tanh':
            y = xp.tanh(x)
        elif act == 'softrelu':
            y = xp.logaddexp(0, x)                # log(1 + e^x), without overflow for large x
        else:
            y = x / (1 + xp.abs(x))
        return [y], (x if act == 'softsign' else y)

    def backward(self, xp, saved, out_grads, needs_grad):
        dy, act = out_grads[0], self.act_type
        if act == 'relu':
            return [dy * (saved > 0)]             # f' = 1 where y > 0
        if act == 'softsign':
            denominator = 1 + xp.abs(saved)
            return [dy / (denominator * denominator)]
        y = saved
        if act == 'sigmoid':
            slope = y * (1 - y)
        elif act == 'tanh':
            slope = fast.one_minus_square(xp, y)  # 1 - y^2
        else:
            slope = -xp.expm1(-y)                 # 1 - e^-y
        slope *= dy                               # dx = dy f'; slope is our own, dy is untouched
        return [slope]
