"""Elementwise functions of one array (tanh, sigmoid and relu are Activation's, in activation.py).

    negative  y = -x              dx = -dy
    abs       y = |x|             dx = dy sign(x)          (0 at x = 0, as MXNet)
    exp       y = e^x             dx = dy y
    log       y = ln x            dx = dy / x
    sqrt      y = x^(1/2)         dx = dy / (2 y)
    square    y = x^2             dx = 2 dy x
    sign      y = sign(x)         dx = 0
    clip      y = min(max(x, a_min), a_max)     dx = dy where a_min <= x <= a_max, else 0
Shapes: y and dx have x's shape.
"""
from ..base import InvalidArgumentError
from .attrs import Attr
from .base import Op


class Unary(Op):
    """One input, one output of its shape; `function` names which."""
    FORMULAS = ('negative', 'abs', 'exp', 'log', 'sqrt', 'square', 'sign')

    attrs = (Attr('function', 'choice', doc="which formula (implied by the op's name)",
                  choices=FORMULAS),)
    infer_shape = Op.same_shape

    def forward(self, xp, inputs, record):
        x, f = inputs[0], self.function
        y = -x if f == 'negative' else getattr(xp, f)(x)
        return [y], ((x, y) if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        (x, y), dy, f = saved, out_grads[0], self.function
        if f == 'negative':
            return [-dy]
        if f == 'abs':
            return [dy * xp.sign(x)]
        if f == 'exp':
            return [dy * y]
        if f == 'log':
            return [dy / x]
        if f == 'sqrt':
            return [dy / (2 * y)]
        if f == 'square':
            return [2 * dy * x]
        return [xp.zeros_like(x)]                   # sign: flat everywhere but at 0


class Clip(Op):
    """y = min(max(x, a_min), a_max); dx = dy inside [a_min, a_max], 0 outside."""

    attrs = (Attr('a_min', 'float', doc='the lower bound'),
             Attr('a_max', 'float', doc='the upper bound'))
    infer_shape = Op.same_shape

    def check(self):
        if self.a_min > self.a_max:
            raise InvalidArgumentError("%s: argument 'a_min' (%s) must not exceed 'a_max' (%s)"
                             % (self, self.a_min, self.a_max))

    def forward(self, xp, inputs, record):
        x = inputs[0]
        return [xp.clip(x, self.a_min, self.a_max)], (x if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        x = saved
        inside = (x >= self.a_min) & (x <= self.a_max)
        return [out_grads[0] * inside]
