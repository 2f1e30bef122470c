"""LinearRegressionOutput, LogisticRegressionOutput, MAERegressionOutput: MXNet's regression
loss heads. Like SoftmaxOutput they end the graph: forward gives the prediction, backward ignores
the gradient from above and sends the loss's own gradient, with m the values per sample
(label.size / batch):

    Linear:    out = x;            dx = grad_scale / m * (out - label)       squared error / 2
    Logistic:  out = sigmoid(x);   dx = grad_scale / m * (out - label)       cross-entropy
    MAE:       out = x;            dx = grad_scale / m * sign(out - label)   absolute error
               (sign as MXNet's kernel: +1 where out > label, else -1, also where they are equal)

The label has data's shape, or (batch,) for data (batch, 1); it gets a zero gradient.
"""
import math

from ..base import InvalidArgumentError
from .attrs import Attr
from .base import Op


class RegressionOutput(Op):
    """One of the three heads of the module docstring, chosen by `kind`."""
    arguments = ('data', 'label')
    attrs = (Attr('grad_scale', 'float', 1.0, 'multiplies the gradient'),
             Attr('kind', 'choice', 'linear', "which head (given by the op's name)",
                  choices=('linear', 'logistic', 'mae')))

    def infer_shape(self, in_shapes):
        data, label = in_shapes
        if data is None:
            return in_shapes, [None]
        data = tuple(data)
        want = (data[0],) if len(data) == 2 and data[1] == 1 else data
        if label is None:
            label = want
        elif tuple(label)[:1] != data[:1] or math.prod(label) != math.prod(data):
            raise InvalidArgumentError('%s: label has shape %s, but data %s needs a label of '
                                       'shape %s' % (self, tuple(label), data, want))
        return [data, tuple(label)], [data]

    def forward(self, xp, inputs, record):
        x, label = inputs
        self.infer_shape([x.shape, label.shape])
        out = 1 / (1 + xp.exp(-x)) if self.kind == 'logistic' else x.copy()
        return [out], ((out, label) if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        out, label = saved
        diff = out - label.reshape(out.shape).astype(out.dtype)
        if self.kind == 'mae':
            diff = xp.where(diff > 0, 1, -1).astype(out.dtype)
        per_sample = label.size // label.shape[0]
        scale = xp.asarray(self.grad_scale / per_sample, dtype=out.dtype)
        return [diff * scale, xp.zeros(label.shape, label.dtype) if needs_grad[1] else None]
