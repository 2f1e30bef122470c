"""Flatten: (N, d1, d2, ...) -> (N, d1*d2*...), and its backward, the reshape back.

    forward:   y = reshape(x, (N, -1))      backward:  dx = reshape(dy, x.shape)

The flattened order is row-major over (C, H, W), as MXNet's, so weights trained there fit here.
"""
import math

from .base import Op


class Flatten(Op):

    def __init__(self, name):
        super().__init__(name)

    def infer_shape(self, in_shapes):
        data = in_shapes[0]
        if data is None:
            return in_shapes, [None]
        if len(data) < 1:
            raise ValueError("%s: argument 'data' must have at least 1 axis, got shape %s"
                             % (self, tuple(data)))
        return in_shapes, [(data[0], math.prod(data[1:]))]

    def forward(self, xp, inputs, record):
        x = inputs[0]
        return [x.reshape(x.shape[0], -1)], x.shape

    def backward(self, xp, saved, out_grads, needs_grad):
        return [out_grads[0].reshape(saved)]
