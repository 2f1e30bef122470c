"""LeakyReLU: MXNet's family of activations with a slope for negative inputs.

    leaky  y = x (x > 0), slope x (else)                 dx = dy (1 or slope)
    prelu  y = x (x > 0), gamma x (else), gamma learned   dx = dy (1 or gamma)
                                                          dgamma = sum(dy x [x <= 0]) over all
                                                          axes but the channel axis (1)
    elu    y = x (x > 0), slope (e^x - 1) (else)          dx = dy (1 or y + slope)
    selu   y = lambda (x (x > 0), alpha (e^x - 1) (else))  dx = dy lambda (1 or alpha e^x)
           alpha = 1.6732632423543772, lambda = 1.0507009873554805 (fixed; slope is not used)
    gelu   y = x Phi(x), Phi(x) = (1 + erf(x / sqrt 2)) / 2   dx = dy (Phi(x) + x phi(x)),
           phi(x) = e^(-x^2 / 2) / sqrt(2 pi)  (the exact GELU, with erf, as MXNet's)
Shapes: y has x's shape; gamma is (C,) for x (N, C, ...) or (1,) for one slope for all.
"""
import math

import numpy as np

from ..base import InvalidArgumentError
from .attrs import Attr
from .base import Op

SELU_ALPHA, SELU_LAMBDA = 1.6732632423543772848170429916717, 1.0507009873554804934193349852946

_ERF = np.vectorize(math.erf, otypes=[np.float64])


def erf(xp, x):
    """The error function, elementwise, in x's dtype. NumPy has none, so this is Python's
    math.erf on each element (on the host): exact, not fast; GELU is its only user."""
    host = x.get() if hasattr(x, 'get') else x
    return xp.asarray(_ERF(host).astype(x.dtype))


def normal_cdf(xp, x):
    """Phi(x) = (1 + erf(x / sqrt 2)) / 2."""
    return x.dtype.type(0.5) * (1 + erf(xp, x / x.dtype.type(math.sqrt(2.0))))


class LeakyReLU(Op):
    arguments = ('data', 'gamma')
    input_inits = {'gamma': '["Constant", {"value": 0.25}]'}
    attrs = (Attr('act_type', 'choice', 'leaky', 'which function',
                  choices=('leaky', 'prelu', 'elu', 'selu', 'gelu', 'rrelu')),
             Attr('slope', 'float', 0.25, 'the negative slope (leaky) or scale (elu)'),
             Attr('lower_bound', 'float', 0.125, '', ignored="bounds rrelu's random slope"),
             Attr('upper_bound', 'float', 0.334, '', ignored="bounds rrelu's random slope"))

    def check(self):
        if self.act_type == 'rrelu':
            raise InvalidArgumentError("%s: act_type 'rrelu' is not supported (tinynet has leaky, "
                                       "prelu, elu, selu and gelu)" % self)

    def list_arguments(self):
        return ['data', 'gamma'] if self.act_type == 'prelu' else ['data']

    def infer_shape(self, in_shapes):
        data = in_shapes[0]
        if data is None or self.act_type != 'prelu':
            return in_shapes, [data]
        gamma = in_shapes[1] if len(in_shapes) > 1 else None
        if gamma is not None and tuple(gamma) not in ((1,), (data[1],) if len(data) > 1 else ()):
            raise InvalidArgumentError("%s: argument 'gamma' has shape %s; it must be (C,) = (%d,) "
                                       "or (1,) for data of shape %s"
                                       % (self, tuple(gamma), data[1], tuple(data)))
        return [data, gamma if gamma is not None else (data[1],)], [data]

    def _gamma(self, x, gamma):
        """gamma shaped to broadcast along x's channel axis."""
        return gamma.reshape((1, -1) + (1,) * (x.ndim - 2)) if gamma.size > 1 else gamma

    def forward(self, xp, inputs, record):
        x, act = inputs[0], self.act_type
        negative = x <= 0
        if act == 'leaky':
            y = xp.where(negative, x * x.dtype.type(self.slope), x)
        elif act == 'prelu':
            y = xp.where(negative, x * self._gamma(x, inputs[1]), x)
        elif act == 'elu':
            y = xp.where(negative, x.dtype.type(self.slope) * xp.expm1(xp.minimum(x, 0)), x)
        elif act == 'gelu':
            y = x * normal_cdf(xp, x)
        else:
            y = x.dtype.type(SELU_LAMBDA) * xp.where(
                negative, x.dtype.type(SELU_ALPHA) * xp.expm1(xp.minimum(x, 0)), x)
        return [y], ((x, y, inputs[1] if act == 'prelu' else None) if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        x, y, gamma = saved
        dy, act, negative = out_grads[0], self.act_type, x <= 0
        if act == 'leaky':
            slope = xp.where(negative, x.dtype.type(self.slope), x.dtype.type(1))
        elif act == 'prelu':
            slope = xp.where(negative, self._gamma(x, gamma), x.dtype.type(1))
        elif act == 'elu':
            slope = xp.where(negative, y + x.dtype.type(self.slope), x.dtype.type(1))
        elif act == 'gelu':
            density = xp.exp(-x * x / 2) / x.dtype.type(math.sqrt(2 * math.pi))
            slope = normal_cdf(xp, x) + x * density
        else:
            slope = x.dtype.type(SELU_LAMBDA) * xp.where(
                negative, x.dtype.type(SELU_ALPHA) * xp.exp(xp.minimum(x, 0)), x.dtype.type(1))
        grads = [dy * slope]
        if act == 'prelu':
            contribution = dy * x * negative
            if gamma.size > 1:
                axes = tuple(a for a in range(x.ndim) if a != 1)
                grads.append(contribution.sum(axis=axes).reshape(gamma.shape))
            else:
                grads.append(contribution.sum().reshape(gamma.shape))
        return grads
