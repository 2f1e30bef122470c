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

Why it is fast: the arithmetic is one large GEMM in BLAS instead of N*OH*OW small dot products.
`im2col` is a strided view of every window (no data moves) followed by one copy; `col2im` adds
each kernel offset's slice back, KH*KW passes, never a Python loop over the batch or the pixels.
Batch-last memory, (C, H, W, N) (see `base.py`), makes those copies move long contiguous runs,
(OW, N) at a time for stride 1, and makes `y` come out of the GEMM already in that layout.
"""
from .base import Op, parse_bool, parse_number, parse_tuple, pad_chwn, to_chwn, to_nchw, windows


def conv_output_size(size, kernel, stride, pad, dilate=(1, 1)):
    return tuple((s + 2 * p - d * (k - 1) - 1) // st + 1
                 for s, k, st, p, d in zip(size, kernel, stride, pad, dilate))


def im2col(xp, x_chwn, kernel, stride, pad, dilate, out_size):
    """x (C, H, W, N) -> col (C*KH*KW, OH*OW*N), rows ordered (c, kh, kw), columns (oh, ow, n).

    The windows are a strided view of the padded x; one copy writes them into `col` in order while
    reading runs of OW*N contiguous numbers (N when the stride is above 1). `col` is always a new
    array of its own, never a view of x, so backward may overwrite it."""
    c, n = x_chwn.shape[0], x_chwn.shape[3]
    (kh, kw), (oh, ow) = kernel, out_size
    view = windows(xp, pad_chwn(xp, x_chwn, pad), kernel, stride, out_size, dilate)
    col = xp.empty((c * kh * kw, oh * ow * n), dtype=x_chwn.dtype)
    col.reshape(view.shape)[...] = view
    return col


def col2im(xp, col, x_shape_chwn, kernel, stride, pad, dilate, out_size):
    """The adjoint of im2col: col (C*KH*KW, OH*OW*N) -> dx (C, H, W, N), summing overlaps."""
    c, h, w, n = x_shape_chwn
    (kh, kw), (oh, ow), (ph, pw) = kernel, out_size, pad
    col = col.reshape(c, kh, kw, oh, ow, n)
    dx_pad = xp.zeros((c, h + 2 * ph, w + 2 * pw, n), dtype=col.dtype)
    dx_windows = windows(xp, dx_pad, kernel, stride, out_size, dilate)
    for i in range(kh):
        for j in range(kw):          # one offset at a time: windows overlap across offsets
            dx_windows[:, i, j] += col[:, i, j]
    return dx_pad[:, ph:ph + h, pw:pw + w, :]


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

    def list_arguments(self):
        return ['data', 'weight'] if self.no_bias else ['data', 'weight', 'bias']

    def infer_shape(self, in_shapes):
        data = self.need_data_shape(in_shapes, 4, '(N, C, H, W)')
        if data is None:
            return in_shapes, [None]
        out_size = conv_output_size(data[2:], self.kernel, self.stride, self.pad, self.dilate)
        if min(out_size) < 1:
            raise ValueError('%s: kernel %s (dilate %s) does not fit data of shape %s with pad %s'
                             % (self, self.kernel, self.dilate, tuple(data), self.pad))
        expected = [data, (self.num_filter, data[1]) + self.kernel, (self.num_filter,)]
        for arg, given, want in zip(self.list_arguments()[1:], in_shapes[1:], expected[1:]):
            self.check_shape(arg, given, want, data)
        return expected[:len(in_shapes)], [(data[0], self.num_filter) + out_size]

    def forward(self, xp, inputs, is_train):
        x, weight = inputs[0], inputs[1]
        n, f = x.shape[0], self.num_filter
        out_size = conv_output_size(x.shape[2:], self.kernel, self.stride, self.pad, self.dilate)
        col = im2col(xp, to_chwn(x), self.kernel, self.stride, self.pad, self.dilate, out_size)
        w_mat = weight.reshape(f, -1)               # (F, C*KH*KW), the row order of col
        y = w_mat @ col                             # (F, OH*OW*N): CHWN memory
        if not self.no_bias:
            y += inputs[2][:, None]
        y = to_nchw(y.reshape((f,) + out_size + (n,)))
        return [y], ((col, w_mat, x.shape, out_size) if is_train else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        col, w_mat, x_shape, out_size = saved
        f, (n, c, h, w) = self.num_filter, x_shape
        dy = to_chwn(out_grads[0]).reshape(f, -1)   # free when dy is CHWN memory, as ours is
        # dW = dy col^T. For all but the smallest kernel volumes BLAS computes its transpose,
        # col dy^T, faster (LeNet's conv2, C*KH*KW = 500: 1.55 against 1.80 ms), and the transpose
        # is a free view; for a first layer's few rows it is slower (conv1, 25: 0.86 against 0.67).
        dw = (col @ dy.T).T if col.shape[0] >= 64 else dy @ col.T
        grads = [None, dw.reshape(f, c, *self.kernel)]
        if needs_grad[0]:
            # col is not needed after dW, and dcol has its shape: writing dcol over it keeps the
            # step's memory 12.8 MB smaller for LeNet's conv2, so more of it stays in cache
            # (0.4-0.7 ms of a 12 ms step).
            dcol = xp.matmul(w_mat.T, dy, out=col)
            dx = col2im(xp, dcol, (c, h, w, n), self.kernel, self.stride, self.pad, self.dilate,
                        out_size)
            grads[0] = to_nchw(dx)
        if not self.no_bias:
            # sum over the P pixels as a matrix-vector product: BLAS reads the wide gradient
            # about 4x faster than NumPy's row sum
            grads.append(dy @ xp.ones(dy.shape[1], dtype=dy.dtype))
        return grads
