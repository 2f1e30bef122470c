"""Convolution (2-D, NCHW) by im2col and one matrix product.

Shapes (N batch, C in-channels, H x W image, F filters, KH x KW kernel, OH x OW output, P = OH*OW*N):
    x (N, C, H, W)    weight (F, C, KH, KW)    bias (F,)    y (N, F, OH, OW)
    OH = (H + 2 pad_h - dilate_h (KH - 1) - 1) // stride_h + 1, and likewise OW.

    forward:   col = im2col(x)                 (C*KH*KW, P): one column per output pixel, holding
                                               the input window it sees
               y   = W col + b                 W as a matrix (F, C*KH*KW), as it is stored
    backward:  dW  = dy col^T                  dy as a matrix (F, P)
               db  = sum(dy, over the P pixels)
               dx  = col2im(W^T dy)            col2im adds each window's gradient back to the
                                               input pixels it came from (the adjoint of im2col)

Why it is fast: the arithmetic is one large GEMM in BLAS instead of N*OH*OW small dot products;
`im2col` and `col2im` (windows.py) move whole kernel offsets at a time in batch-last memory, and the
faster ways of computing dW, db and dcol are the named helpers of fast.py.
"""
import collections

from . import fast
from ..util import warn_ignored
from .base import Op, parse_bool, parse_number, parse_tuple
from .windows import col2im, im2col, output_size, to_chwn, to_nchw

# What backward needs: im2col's matrix, W as a (F, C*KH*KW) matrix, and the geometry.
ConvSaved = collections.namedtuple('ConvSaved', ['col', 'w_mat', 'x_shape', 'out_size'])


class Convolution(Op):
    arguments = ('data', 'weight', 'bias')

    def __init__(self, name, kernel=None, num_filter=None, stride=(1, 1), pad=(0, 0), dilate=(1, 1),
                 no_bias=False, num_group=1, workspace=1024, layout=None, cudnn_tune=None,
                 cudnn_off=False):
        super().__init__(name)
        if kernel is None or num_filter is None:
            raise ValueError("%s: arguments 'kernel' and 'num_filter' are required" % self)
        self.kernel = parse_tuple(self, 'kernel', kernel, 2)
        self.num_filter = parse_number(self, 'num_filter', num_filter, int, minimum=1)
        self.stride = parse_tuple(self, 'stride', stride, 2, allow_empty=True) or (1, 1)
        self.pad = parse_tuple(self, 'pad', pad, 2, allow_empty=True) or (0, 0)
        self.dilate = parse_tuple(self, 'dilate', dilate, 2, allow_empty=True) or (1, 1)
        self.no_bias = parse_bool(self, 'no_bias', no_bias)
        for arg, value, low in (('kernel', self.kernel, 1), ('stride', self.stride, 1),
                                ('pad', self.pad, 0), ('dilate', self.dilate, 1)):
            if min(value) < low:
                raise ValueError('%s: argument %r must be >= %d, got %s' % (self, arg, low, value))
        if parse_number(self, 'num_group', num_group, int) != 1:
            raise ValueError("%s: argument 'num_group' other than 1 is not supported" % self)
        if layout not in (None, 'None', 'NCHW'):
            raise ValueError("%s: argument 'layout' must be NCHW, got %r" % (self, layout))
        warn_ignored('Convolution', 'workspace', parse_number(self, 'workspace', workspace, int),
                     1024)
        warn_ignored('Convolution', 'cudnn_tune', None if cudnn_tune in ('None',) else cudnn_tune,
                     None)
        warn_ignored('Convolution', 'cudnn_off', parse_bool(self, 'cudnn_off', cudnn_off), False)

    def list_arguments(self):
        return ['data', 'weight'] if self.no_bias else ['data', 'weight', 'bias']

    def infer_shape(self, in_shapes):
        data = self.need_data_shape(in_shapes, 4, '(N, C, H, W)')
        if data is None:
            return in_shapes, [None]
        out_size = output_size(data[2:], self.kernel, self.stride, self.pad, self.dilate)
        if min(out_size) < 1:
            raise ValueError('%s: kernel %s (dilate %s) does not fit data of shape %s with pad %s'
                             % (self, self.kernel, self.dilate, tuple(data), self.pad))
        expected = [data, (self.num_filter, data[1]) + self.kernel, (self.num_filter,)]
        for arg, given, want in zip(self.list_arguments()[1:], in_shapes[1:], expected[1:]):
            self.check_shape(arg, given, want, data)
        return expected[:len(in_shapes)], [(data[0], self.num_filter) + out_size]

    def forward(self, xp, inputs, record):
        x, weight = inputs[0], inputs[1]
        n, f = x.shape[0], self.num_filter
        out_size = output_size(x.shape[2:], self.kernel, self.stride, self.pad, self.dilate)
        col = im2col(xp, to_chwn(x), self.kernel, self.stride, self.pad, self.dilate, out_size)
        w_mat = weight.reshape(f, -1)               # (F, C*KH*KW), the row order of col
        y = w_mat @ col                             # y = W col: (F, OH*OW*N), CHWN memory
        if not self.no_bias:
            y += inputs[2][:, None]                 #     + b
        y = to_nchw(y.reshape((f,) + out_size + (n,)))
        return [y], (ConvSaved(col, w_mat, x.shape, out_size) if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        col, w_mat, (n, c, h, w), out_size = saved
        f = self.num_filter
        dy = to_chwn(out_grads[0]).reshape(f, -1)   # (F, P); free when dy is CHWN memory, as ours is
        dw = fast.weight_grad(xp, dy, col)          # dW = dy col^T
        grads = [None, dw.reshape(f, c, *self.kernel)]
        if needs_grad[0]:
            dcol = fast.product_into(xp, w_mat.T, dy, out=col)      # W^T dy, over col (used up)
            dx = col2im(xp, dcol, (c, h, w, n), self.kernel, self.stride, self.pad, self.dilate,
                        out_size)                   # dx = col2im(W^T dy)
            grads[0] = to_nchw(dx)
        if not self.no_bias:
            grads.append(fast.sum_over_pixels(xp, dy))              # db = sum(dy, over P)
        return grads
