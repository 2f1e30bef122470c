"""Convolution (2-D, NCHW; 1-D, NCW, as 2-D of height 1) by im2col and one matrix product.

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

A 1-D convolution (kernel (K,), data (N, C, W), weight (F, C, K)) is the 2-D one of data
(N, C, 1, W) and weight (F, C, 1, K): the same formulas, viewed with a height of 1.

Groups (num_group G): the channels and the filters are cut into G groups, and filter group g
sees channel group g only: weight (F, C/G, KH, KW), G convolutions side by side whose outputs
are concatenated along the channels (G = C: a depthwise convolution, MobileNet's).

Why it is fast: the arithmetic is one large GEMM in BLAS instead of N*OH*OW small dot products;
`im2col` and `col2im` (windows.py) move whole kernel offsets at a time in batch-last memory, and the
faster ways of computing dW, db and dcol are the named helpers of fast.py.
"""
import collections

from ..base import InvalidArgumentError
from . import fast
from .attrs import Attr
from .base import Op
from .windows import col2im, im2col, output_size, to_chwn, to_nchw

# What backward needs: im2col's matrix, W as a (F, C*KH*KW) matrix, and the geometry.
ConvSaved = collections.namedtuple('ConvSaved', ['col', 'w_mat', 'x_shape', 'out_size'])


class Convolution(Op):
    arguments = ('data', 'weight', 'bias')

    attrs = (Attr('kernel', 'pair', doc='(KH, KW)', minimum=1),
             Attr('num_filter', 'int', doc='F, the number of filters', minimum=1),
             Attr('stride', 'pair', (1, 1), '(stride_h, stride_w)', minimum=1),
             Attr('pad', 'pair', (0, 0), 'zeros added on each side, (pad_h, pad_w)', minimum=0),
             Attr('dilate', 'pair', (1, 1), 'spacing of the kernel cells', minimum=1),
             Attr('no_bias', 'bool', False, 'leave out b'),
             Attr('num_group', 'int', 1, 'G: filter group g sees channel group g only',
                  minimum=1),
             Attr('layout', 'choice', None, 'only NCHW', choices=(None, 'None', 'NCHW')),
             Attr('workspace', 'int', 1024, '', ignored="caps cuDNN's scratch memory (MB)"),
             Attr('cudnn_tune', 'any', None, '', ignored='chooses how cuDNN picks its algorithm'),
             Attr('cudnn_off', 'bool', False, '', ignored='turns cuDNN off'))

    def check(self):
        if self.num_filter % self.num_group:
            raise InvalidArgumentError('%s: num_filter %d is not a multiple of num_group %d'
                                       % (self, self.num_filter, self.num_group))
        self.one_d = self.lift_windows_to_2d(('kernel', 'stride', 'pad', 'dilate'))

    def list_arguments(self):
        return ['data', 'weight'] if self.no_bias else ['data', 'weight', 'bias']

    def infer_shape(self, in_shapes):
        if self.one_d:          # the 2-D shapes with a height of 1, and back
            data = self.need_data_shape(in_shapes, 3, '(N, C, W) (the kernel is 1-D)')
            lifted = [None if s is None else tuple(s[:2]) + (1,) + tuple(s[2:])
                      if len(s) == 3 else s for s in in_shapes]
            ins, outs = self.infer_shape_2d(lifted)
            drop = [None if s is None else s[:2] + s[3:] if len(s) == 4 else s for s in ins]
            return drop, [None if o is None else o[:2] + o[3:] for o in outs]
        return self.infer_shape_2d(in_shapes)

    def infer_shape_2d(self, in_shapes):
        data = self.need_data_shape(in_shapes, 4, '(N, C, H, W)')
        if data is None:
            return self.check_param_shapes(in_shapes, [(self.num_filter, None) + tuple(self.kernel),
                                                       (self.num_filter,)])
        out_size = output_size(data[2:], self.kernel, self.stride, self.pad, self.dilate)
        if min(out_size) < 1:
            raise InvalidArgumentError('%s: kernel %s (dilate %s) does not fit data of shape %s with pad %s'
                             % (self, self.kernel, self.dilate, tuple(data), self.pad))
        if data[1] % self.num_group:
            raise InvalidArgumentError('%s: the data has %d channels, not a multiple of num_group %d'
                                       % (self, data[1], self.num_group))
        expected = [data, (self.num_filter, data[1] // self.num_group) + self.kernel,
                    (self.num_filter,)]
        for arg, given, want in zip(self.list_arguments()[1:], in_shapes[1:], expected[1:]):
            self.check_shape(arg, given, want, data)
        return expected[:len(in_shapes)], [(data[0], self.num_filter) + out_size]

    def forward(self, xp, inputs, record):
        if self.one_d:
            inputs = [inputs[0][:, :, None, :], inputs[1][:, :, None, :]] + list(inputs[2:])
            (y,), saved = self.forward_2d(xp, inputs, record)
            return [y[:, :, 0, :]], saved
        return self.forward_2d(xp, inputs, record)

    def forward_2d(self, xp, inputs, record):
        if self.num_group == 1:
            return self.forward_group(xp, inputs, record)
        # G convolutions side by side: channel group g of x with filter group g
        parts = [xp.split(a, self.num_group, axis=1 if i == 0 else 0)
                 for i, a in enumerate(inputs)]
        ys, saved = [], []
        for group in zip(*parts):
            (y,), s = self.forward_group(xp, list(group), record)
            ys.append(y)
            saved.append(s)
        return [xp.concatenate(ys, axis=1)], (saved if record else None)

    def forward_group(self, xp, inputs, record):
        """One convolution: all of inputs' channels, all of its filters."""
        x, weight = inputs[0], inputs[1]
        self.check_dtypes(x, weight)
        n, f = x.shape[0], weight.shape[0]
        out_size = output_size(x.shape[2:], self.kernel, self.stride, self.pad, self.dilate)
        col = im2col(xp, to_chwn(x), self.kernel, self.stride, self.pad, self.dilate, out_size)
        w_mat = weight.reshape(f, -1)               # (F, C*KH*KW), the row order of col
        y = w_mat @ col                             # y = W col: (F, OH*OW*N), CHWN memory
        if not self.no_bias:
            y += inputs[2][:, None]                 #     + b
        y = to_nchw(y.reshape((f,) + out_size + (n,)))
        return [y], (ConvSaved(col, w_mat, x.shape, out_size) if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        if self.one_d:
            grads = self.backward_2d(xp, saved, [out_grads[0][:, :, None, :]], needs_grad)
            return [None if g is None else g[:, :, 0, :] if i < 2 else g
                    for i, g in enumerate(grads)]
        return self.backward_2d(xp, saved, out_grads, needs_grad)

    def backward_2d(self, xp, saved, out_grads, needs_grad):
        if self.num_group == 1:
            return self.backward_group(xp, saved, out_grads[0], needs_grad)
        # each group's gradients, joined as the forward split them
        grads = [self.backward_group(xp, s, dy, needs_grad)
                 for s, dy in zip(saved, xp.split(out_grads[0], self.num_group, axis=1))]
        return [None if g[0] is None else xp.concatenate(g, axis=1 if i == 0 else 0)
                for i, g in enumerate(zip(*grads))]

    def backward_group(self, xp, saved, dy, needs_grad):
        """One convolution's gradients (dx, dW[, db]) for its output gradient dy."""
        col, w_mat, (n, c, h, w), out_size = saved
        f = w_mat.shape[0]
        dy = to_chwn(dy).reshape(f, -1)             # (F, P); free when dy is CHWN memory, as ours is
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
