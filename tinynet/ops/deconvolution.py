"""Deconvolution (transposed convolution, 2-D, NCHW): the convolution's backward pass to its
input, used as a layer that upsamples (DCGAN's generator, FCN's upsampling).

Shapes (N batch, C in-channels, H x W input, F filters, KH x KW kernel, OH x OW output):
    x (N, C, H, W)    weight (C, F, KH, KW)    bias (F,)    y (N, F, OH, OW)
    OH = (H - 1) stride_h - 2 pad_h + dilate_h (KH - 1) + 1 + adj_h, and likewise OW
    (target_shape (OH, OW), when given, fixes the output size and chooses adj for it).

The convolution y -> x with this weight maps an (N, F, OH, OW) image to (N, C, H, W); the
deconvolution is its adjoint, so it is written with the same im2col and col2im:
    forward:   col = W^T x                  W as a matrix (C, F*KH*KW), x as (C, H*W*N)
               y   = col2im(col) + b        each column added back onto its window of y
    backward:  dx  = W im2col(dy)           the convolution's forward, of dy
               dW  = x im2col(dy)^T
               db  = sum(dy, over N, OH, OW)
"""
import collections

from ..base import InvalidArgumentError
from .attrs import Attr
from .base import Op
from .windows import col2im, im2col, to_chwn, to_nchw

DeconvSaved = collections.namedtuple('DeconvSaved', ['x_mat', 'w_mat', 'x_shape', 'y_size'])


class Deconvolution(Op):
    arguments = ('data', 'weight', 'bias')

    attrs = (Attr('kernel', 'pair', doc='(KH, KW)', minimum=1),
             Attr('num_filter', 'int', doc='F, the output channels', minimum=1),
             Attr('stride', 'pair', (1, 1), '(stride_h, stride_w)', minimum=1),
             Attr('dilate', 'pair', (1, 1), 'spacing of the kernel cells', minimum=1),
             Attr('pad', 'pair', (0, 0), 'rows and columns cut from each side of the output',
                  minimum=0),
             Attr('adj', 'pair', (0, 0), 'rows and columns added at the bottom and right',
                  minimum=0),
             Attr('target_shape', 'pair', (), '(OH, OW) wanted; sets adj', minimum=1),
             Attr('num_group', 'int', 1, 'groups of channels; only 1 is supported', minimum=1),
             Attr('no_bias', 'bool', True, 'leave out b (MXNet: True by default)'),
             Attr('layout', 'choice', None, 'only NCHW', choices=(None, 'None', 'NCHW')),
             Attr('workspace', 'int', 512, '', ignored="caps cuDNN's scratch memory (MB)"),
             Attr('cudnn_tune', 'any', None, '', ignored='chooses how cuDNN picks its algorithm'),
             Attr('cudnn_off', 'bool', False, '', ignored='turns cuDNN off'))

    def check(self):
        if self.num_group != 1:
            raise InvalidArgumentError("%s: argument 'num_group' other than 1 is not supported"
                                       % self)
        if len(self.kernel) != 2:
            raise InvalidArgumentError('%s: only 2-D kernels (KH, KW) are supported, got %s'
                                       % (self, self.kernel))

    def list_arguments(self):
        return ['data', 'weight'] if self.no_bias else ['data', 'weight', 'bias']

    def _sizes(self, size):
        """(OH, OW) and adj for an input of spatial size (H, W)."""
        full = tuple((s - 1) * st - 2 * p + d * (k - 1) + 1 for s, st, p, d, k in
                     zip(size, self.stride, self.pad, self.dilate, self.kernel))
        if self.target_shape:
            adj = tuple(t - f for t, f in zip(self.target_shape, full))
            if any(a < 0 or a >= st for a, st in zip(adj, self.stride)):
                raise InvalidArgumentError('%s: target_shape %s cannot be reached from input %s '
                                           '(the output is %s plus less than a stride %s)'
                                           % (self, self.target_shape, size, full, self.stride))
        else:
            adj = self.adj
            if any(a >= max(st, d) for a, st, d in zip(adj, self.stride, self.dilate)):
                raise InvalidArgumentError('%s: adj %s must be smaller than the stride %s'
                                           % (self, adj, self.stride))
        return tuple(f + a for f, a in zip(full, adj))

    def infer_shape(self, in_shapes):
        data = self.need_data_shape(in_shapes, 4, '(N, C, H, W)')
        if data is None:
            return in_shapes, [None]
        out = self._sizes(data[2:])
        if min(out) < 1:
            raise InvalidArgumentError('%s: input %s gives an empty output %s with pad %s'
                                       % (self, tuple(data), out, self.pad))
        expected = [data, (data[1], self.num_filter) + self.kernel, (self.num_filter,)]
        for arg, given, want in zip(self.list_arguments()[1:], in_shapes[1:], expected[1:]):
            self.check_shape(arg, given, want, data)
        return expected[:len(self.list_arguments())], [(data[0], self.num_filter) + out]

    def forward(self, xp, inputs, record):
        x, weight = inputs[0], inputs[1]
        self.check_dtypes(x, weight)
        n, c, h, w = x.shape
        f = self.num_filter
        y_size = self._sizes((h, w))
        x_mat = to_chwn(x).reshape(c, -1)                       # (C, H*W*N)
        w_mat = weight.reshape(c, -1)                           # (C, F*KH*KW)
        col = w_mat.T @ x_mat                                   # col = W^T x
        y = col2im(xp, col, (f,) + y_size + (n,), self.kernel, self.stride, self.pad,
                   self.dilate, (h, w))                         # y = col2im(col)
        if not self.no_bias:
            y = y + inputs[2][:, None, None, None]              #     + b
        return [to_nchw(y)], (DeconvSaved(x_mat, w_mat, x.shape, y_size) if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        x_mat, w_mat, (n, c, h, w), y_size = saved
        f = self.num_filter
        dy = to_chwn(out_grads[0])                              # (F, OH, OW, N)
        dcol = im2col(xp, xp.ascontiguousarray(dy), self.kernel, self.stride, self.pad,
                      self.dilate, (h, w))                      # (F*KH*KW, H*W*N)
        grads = [None, (x_mat @ dcol.T).reshape(c, f, *self.kernel)]   # dW = x im2col(dy)^T
        if needs_grad[0]:
            grads[0] = to_nchw((w_mat @ dcol).reshape(c, h, w, n))     # dx = W im2col(dy)
        if not self.no_bias:
            grads.append(dy.sum(axis=(1, 2, 3)))                       # db = sum(dy)
        return grads
