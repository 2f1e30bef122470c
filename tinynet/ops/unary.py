"""Elementwise functions of one array (tanh, sigmoid and relu are Activation's, in activation.py).

    negative  y = -x              dx = -dy
    abs       y = |x|             dx = dy sign(x)          (0 at x = 0, as MXNet)
    exp       y = e^x             dx = dy y
    expm1     y = e^x - 1         dx = dy (y + 1)
    log       y = ln x            dx = dy / x
    log10     y = log10 x         dx = dy / (x ln 10)
    log2      y = log2 x          dx = dy / (x ln 2)
    log1p     y = ln(1 + x)       dx = dy / (1 + x)
    sqrt      y = x^(1/2)         dx = dy / (2 y)
    rsqrt     y = x^(-1/2)        dx = -dy y^3 / 2
    cbrt      y = x^(1/3)         dx = dy / (3 y^2)
    rcbrt     y = x^(-1/3)        dx = -dy y / (3 x)
    square    y = x^2             dx = 2 dy x
    reciprocal  y = 1 / x         dx = -dy y^2
    sin, cos, tan                 dx = dy cos x,  -dy sin x,  dy (1 + y^2)
    arcsin, arccos, arctan        dx = dy / sqrt(1 - x^2),  -dy / sqrt(1 - x^2),  dy / (1 + x^2)
    sinh, cosh                    dx = dy cosh x,  dy sinh x
    arcsinh, arccosh, arctanh     dx = dy / sqrt(x^2 + 1),  dy / sqrt(x^2 - 1),  dy / (1 - x^2)
    degrees, radians  y = x 180/pi, x pi/180     dx = dy 180/pi, dy pi/180
    sign, ceil, floor, trunc, fix, round, rint   flat: dx = 0 (as MXNet). round takes halves away
                      from zero (2.5 -> 3, -2.5 -> -3); rint takes them down (2.5 -> 2, -2.5 -> -3):
                      both checked against MXNet 1.9.1; fix is trunc (toward zero)
    clip      y = min(max(x, a_min), a_max)     dx = dy where a_min <= x <= a_max, else 0
Shapes: y and dx have x's shape.
"""
import math

from ..base import InvalidArgumentError
from .attrs import Attr
from .base import Op

# name: (y of x, dx of (x, y, dy)); xp is the array module (numpy or cupy)
FORMULAS = {
    'negative': (lambda xp, x: -x, lambda xp, x, y, dy: -dy),
    'abs': (lambda xp, x: xp.abs(x), lambda xp, x, y, dy: dy * xp.sign(x)),
    'exp': (lambda xp, x: xp.exp(x), lambda xp, x, y, dy: dy * y),
    'expm1': (lambda xp, x: xp.expm1(x), lambda xp, x, y, dy: dy * (y + 1)),
    'log': (lambda xp, x: xp.log(x), lambda xp, x, y, dy: dy / x),
    'log10': (lambda xp, x: xp.log10(x), lambda xp, x, y, dy: dy / (x * math.log(10))),
    'log2': (lambda xp, x: xp.log2(x), lambda xp, x, y, dy: dy / (x * math.log(2))),
    'log1p': (lambda xp, x: xp.log1p(x), lambda xp, x, y, dy: dy / (1 + x)),
    'sqrt': (lambda xp, x: xp.sqrt(x), lambda xp, x, y, dy: dy / (2 * y)),
    'rsqrt': (lambda xp, x: 1 / xp.sqrt(x), lambda xp, x, y, dy: -dy * y * y * y / 2),
    'cbrt': (lambda xp, x: xp.cbrt(x), lambda xp, x, y, dy: dy / (3 * y * y)),
    'rcbrt': (lambda xp, x: 1 / xp.cbrt(x), lambda xp, x, y, dy: -dy * y / (3 * x)),
    'square': (lambda xp, x: x * x, lambda xp, x, y, dy: 2 * dy * x),
    'reciprocal': (lambda xp, x: 1 / x, lambda xp, x, y, dy: -dy * y * y),
    'sin': (lambda xp, x: xp.sin(x), lambda xp, x, y, dy: dy * xp.cos(x)),
    'cos': (lambda xp, x: xp.cos(x), lambda xp, x, y, dy: -dy * xp.sin(x)),
    'tan': (lambda xp, x: xp.tan(x), lambda xp, x, y, dy: dy * (1 + y * y)),
    'arcsin': (lambda xp, x: xp.arcsin(x), lambda xp, x, y, dy: dy / xp.sqrt(1 - x * x)),
    'arccos': (lambda xp, x: xp.arccos(x), lambda xp, x, y, dy: -dy / xp.sqrt(1 - x * x)),
    'arctan': (lambda xp, x: xp.arctan(x), lambda xp, x, y, dy: dy / (1 + x * x)),
    'sinh': (lambda xp, x: xp.sinh(x), lambda xp, x, y, dy: dy * xp.cosh(x)),
    'cosh': (lambda xp, x: xp.cosh(x), lambda xp, x, y, dy: dy * xp.sinh(x)),
    'arcsinh': (lambda xp, x: xp.arcsinh(x), lambda xp, x, y, dy: dy / xp.sqrt(x * x + 1)),
    'arccosh': (lambda xp, x: xp.arccosh(x), lambda xp, x, y, dy: dy / xp.sqrt(x * x - 1)),
    'arctanh': (lambda xp, x: xp.arctanh(x), lambda xp, x, y, dy: dy / (1 - x * x)),
    'degrees': (lambda xp, x: x * (180 / math.pi), lambda xp, x, y, dy: dy * (180 / math.pi)),
    'radians': (lambda xp, x: x * (math.pi / 180), lambda xp, x, y, dy: dy * (math.pi / 180)),
}
FLAT = {            # piecewise constant: the gradient is 0 everywhere it exists
    'sign': lambda xp, x: xp.sign(x),
    'ceil': lambda xp, x: xp.ceil(x),
    'floor': lambda xp, x: xp.floor(x),
    'trunc': lambda xp, x: xp.trunc(x),
    'fix': lambda xp, x: xp.trunc(x),
    'round': lambda xp, x: xp.sign(x) * xp.floor(xp.abs(x) + 0.5),
    'rint': lambda xp, x: xp.ceil(x - 0.5),
}


class Unary(Op):
    """One input, one output of its shape; `function` names which (FORMULAS, FLAT)."""

    attrs = (Attr('function', 'choice', doc="which formula (implied by the op's name)",
                  choices=tuple(FORMULAS) + tuple(FLAT)),)
    infer_shape = Op.same_shape

    def forward(self, xp, inputs, record):
        x, f = inputs[0], self.function
        y = FLAT[f](xp, x) if f in FLAT else FORMULAS[f][0](xp, x)
        return [y], ((x, y) if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        (x, y), dy, f = saved, out_grads[0], self.function
        if f in FLAT:
            return [xp.zeros_like(x)]
        return [FORMULAS[f][1](xp, x, y, dy)]


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
