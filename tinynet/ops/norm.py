"""norm: the L2 (or L1) norm over axes, MXNet's mx.nd.norm.

    ord=2   y = sqrt(sum_k x_k^2)      dx = dy x / y          (0 where y = 0, as MXNet)
    ord=1   y = sum_k |x_k|            dx = dy sign(x)
`axis` is None (every axis: one number, shape (1,)), an int or a pair of ints; with keepdims the
reduced axes stay as size 1.
"""
from ..base import InvalidArgumentError
from .attrs import Attr
from .base import Op
from .reduce import normalize_axes, reduced_shape


class Norm(Op):
    attrs = (Attr('ord', 'int', 2, 'the norm: 2 (Euclidean) or 1', choices=(1, 2)),
             Attr('axis', 'ints', None, 'the axes reduced; None: all'),
             Attr('out_dtype', 'any', None, '', ignored="sets the output's dtype"),
             Attr('keepdims', 'bool', False, 'keep the reduced axes as size 1'))

    def check(self):
        if self.ord not in (1, 2):
            raise InvalidArgumentError("%s: argument 'ord' must be 1 or 2, got %r" % (self, self.ord))

    def infer_shape(self, in_shapes):
        data = in_shapes[0]
        if data is None:
            return in_shapes, [None]
        axes = normalize_axes(self, self.axis, len(data))
        return in_shapes, [reduced_shape(data, axes, self.keepdims)]

    def forward(self, xp, inputs, record):
        x = inputs[0]
        axes = normalize_axes(self, self.axis, x.ndim)
        if self.ord == 2:
            y_kept = xp.sqrt((x * x).sum(axis=axes, keepdims=True))       # sqrt(sum x^2)
        else:
            y_kept = xp.abs(x).sum(axis=axes, keepdims=True)              # sum |x|
        y = y_kept.reshape(reduced_shape(x.shape, axes, self.keepdims))
        return [y], ((x, y_kept) if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        x, y_kept = saved
        dy = out_grads[0].reshape(y_kept.shape)
        if self.ord == 1:
            return [dy * xp.sign(x)]                                      # dy sign(x)
        safe = xp.where(y_kept == 0, 1, y_kept)
        return [dy * x / safe * (y_kept != 0)]                            # dy x / y
