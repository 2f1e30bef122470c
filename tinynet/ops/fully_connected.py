"""FullyConnected: an affine layer.

    forward:   y = x W^T + b                x (N, K)   W (H, K)   b (H,)   y (N, H)
    backward:  dx = dy W     dW = dy^T x    db = sum(dy, axis=0)

With `flatten=True` (MXNet's default) the data is first reshaped to (N, K) with K the product of all
axes but the first; with `flatten=False` the layer acts on the last axis only.
"""
import collections
import math

from ..base import InvalidArgumentError
from .attrs import Attr
from .base import Op

# What backward needs: x as the (N, K) matrix it was multiplied as, W, and x's own shape.
FCSaved = collections.namedtuple('FCSaved', ['x2', 'weight', 'x_shape'])


class FullyConnected(Op):
    arguments = ('data', 'weight', 'bias')
    attrs = (Attr('num_hidden', 'int', doc='H, the number of outputs', minimum=1),
             Attr('no_bias', 'bool', False, 'leave out b'),
             Attr('flatten', 'bool', True, 'reshape data to (N, K) first; else act on the last '
                  'axis'))

    def list_arguments(self):
        return ['data', 'weight'] if self.no_bias else ['data', 'weight', 'bias']

    def infer_shape(self, in_shapes):
        data = self.need_data_shape(in_shapes)
        if data is None:
            return self.check_param_shapes(in_shapes, [(self.num_hidden, None), (self.num_hidden,)])
        if len(data) < 1:    # (N,) is N samples of one value (flatten) or one sample, as MXNet
            raise InvalidArgumentError("%s: argument 'data' must have at least one axis, got "
                                       "shape %s" % (self, tuple(data)))
        if self.flatten:
            num_input, out = math.prod(data[1:]), (data[0], self.num_hidden)
        else:
            num_input, out = data[-1], tuple(data[:-1]) + (self.num_hidden,)
        expected = [data, (self.num_hidden, num_input), (self.num_hidden,)][:len(in_shapes)]
        for arg, given, want in zip(self.list_arguments()[1:], in_shapes[1:], expected[1:]):
            self.check_shape(arg, given, want, data)
        return expected, [out]

    def forward(self, xp, inputs, record):
        x, weight = inputs[0], inputs[1]
        self.check_dtypes(x, weight)
        x2 = x.reshape(x.shape[0], -1) if self.flatten else x.reshape(-1, x.shape[-1])
        y = x2 @ weight.T                     # y = x W^T (BLAS reads W^T through its strides)
        if not self.no_bias:
            y += inputs[2]                    #     + b
        if not self.flatten:
            y = y.reshape(x.shape[:-1] + (self.num_hidden,))
        return [y], (FCSaved(x2, weight, x.shape) if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        x2, weight, x_shape = saved
        dy = out_grads[0].reshape(-1, self.num_hidden)
        dx = (dy @ weight).reshape(x_shape) if needs_grad[0] else None      # dx = dy W
        grads = [dx, dy.T @ x2]                                             # dW = dy^T x
        if not self.no_bias:
            grads.append(dy.sum(axis=0))                                    # db = sum(dy, axis=0)
        return grads
