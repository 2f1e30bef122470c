"""Pooling (2-D, NCHW): max, average or sum over each KH x KW window.

Shapes: x (N, C, H, W) -> y (N, C, OH, OW) with, for pooling_convention='valid' (floor),
    OH = (H + 2 pad_h - KH) // stride_h + 1,   and for 'full' (ceil)  OH = ceil((H + 2 pad_h - KH) / stride_h) + 1.
global_pool=True pools the whole image: kernel (H, W), stride 1, no padding.

    max:  y = max over the window          dx: dy goes to the first maximum of the window
                                               (row-major), as MXNet does; other cells get 0
    avg:  y = sum over the window / count  dx: each cell of the window gets dy / count
    sum:  y = sum over the window          dx: each cell of the window gets dy

`count` is KH*KW: MXNet counts padded cells (count_include_pad=True); with 'full', cells past the
padding do not count. count_include_pad=False counts only cells of the image itself.

How: `windows` (windows.py) gives a strided view of all windows at once; `window_cells` lines up
each kernel offset's cells, and the max or sum runs over the KH*KW offsets (never a loop over
pixels). Max also records which offset won, so backward hands each window's dy to its winner with
KH*KW masked writes and no search.
"""
import collections
import math

from ..base import InvalidArgumentError
from . import fast
from .attrs import Attr
from .base import Op
from .windows import max_and_first_winner, pad_chwn, to_chwn, to_nchw, window_cells, windows

# The window geometry of one input shape: extra is the padding past `pad` that 'full' adds at the
# bottom and right so that the last window fits.
Geometry = collections.namedtuple('Geometry', ['kernel', 'stride', 'pad', 'out_size', 'extra'])
# What backward needs: the input's shape and dtype, its geometry, and (max) which offset won.
PoolSaved = collections.namedtuple('PoolSaved', ['x_shape', 'dtype', 'geometry', 'winner'])


class Pooling(Op):

    attrs = (Attr('kernel', 'pair', (), '(KH, KW); needed unless global_pool', minimum=1),
             Attr('pool_type', 'choice', 'max', 'what a window gives',
                  choices=('max', 'avg', 'sum')),
             Attr('stride', 'pair', (1, 1), '(stride_h, stride_w)', minimum=1),
             Attr('pad', 'pair', (0, 0), 'added on each side, (pad_h, pad_w)', minimum=0),
             Attr('global_pool', 'bool', False, 'pool the whole image (kernel, stride, pad '
                  'ignored)'),
             Attr('pooling_convention', 'choice', 'valid', "the output size: floor ('valid') or "
                  "ceil ('full')", choices=('valid', 'full')),
             Attr('count_include_pad', 'bool', True, 'avg counts the padded cells'),
             Attr('layout', 'choice', None, 'only NCHW', choices=(None, 'None', 'NCHW')),
             Attr('cudnn_off', 'bool', False, '', ignored='turns cuDNN off'),
             Attr('p_value', 'any', None, '', ignored="is the p of 'lp' pooling"))

    def check(self):
        self.one_d = self.lift_windows_to_2d(('kernel', 'stride', 'pad')) if self.kernel else False
        if not self.kernel and not self.global_pool:
            raise InvalidArgumentError("%s: argument 'kernel' is required unless global_pool=True" % self)
        if self.kernel and any(p >= k for p, k in zip(self.pad, self.kernel)):
            # a window could then lie wholly in the padding: max would give -inf
            raise InvalidArgumentError('%s: pad %s must be smaller than kernel %s' % (self, self.pad, self.kernel))

    def _geometry(self, data_shape):
        """The Geometry of windows over data of this shape."""
        size = tuple(data_shape[2:])
        if self.global_pool:
            return Geometry(size, (1, 1), (0, 0), (1, 1), (0, 0))
        kernel, stride, pad = self.kernel, self.stride, self.pad
        if any(s + 2 * p < k for s, p, k in zip(size, pad, kernel)):
            raise InvalidArgumentError('%s: kernel %s does not fit data of shape %s with pad %s'
                             % (self, kernel, tuple(data_shape), pad))
        if self.pooling_convention == 'valid':
            out = tuple((s + 2 * p - k) // st + 1 for s, p, k, st in zip(size, pad, kernel, stride))
        else:
            out = tuple(int(math.ceil((s + 2 * p - k) / st)) + 1
                        for s, p, k, st in zip(size, pad, kernel, stride))
        extra = tuple(max(0, (o - 1) * st + k - (s + 2 * p))
                      for o, st, k, s, p in zip(out, stride, kernel, size, pad))
        return Geometry(kernel, stride, pad, out, extra)

    def _is_1d(self, ndim):
        """Whether data of `ndim` axes is pooled as 1-D (N, C, W): a 1-D kernel, or global
        pooling of 3-D data."""
        return self.one_d or (self.global_pool and ndim == 3)

    def infer_shape(self, in_shapes):
        data = in_shapes[0]
        if data is None:
            return in_shapes, [None]
        if self._is_1d(len(data)):
            data = self.need_data_shape(in_shapes, 3, '(N, C, W) (the kernel is 1-D)')
            out_size = self._geometry(tuple(data[:2]) + (1,) + tuple(data[2:])).out_size
            return in_shapes, [tuple(data[:2]) + out_size[1:]]
        data = self.need_data_shape(in_shapes, 4, '(N, C, H, W) (or (N, C, W) with a 1-D '
                                                   'kernel)')
        out_size = self._geometry(data).out_size
        return in_shapes, [tuple(data[:2]) + out_size]

    def _count(self, xp, x_shape, geometry, dtype):
        """How many cells each window averages over, shape (1, OH, OW, 1)."""
        kernel, stride, pad, out_size, extra = geometry
        h, w = x_shape[2:]
        inside = xp.ones((1, h, w, 1), dtype=dtype)
        if self.count_include_pad:     # padding counts, the 'full' overhang does not
            inside = pad_chwn(xp, inside, pad, value=1)
            pad = (0, 0)
        mask = windows(xp, pad_chwn(xp, inside, pad, extra), kernel, stride, out_size)
        return mask.sum(axis=(1, 2))

    def forward(self, xp, inputs, record):
        """1-D data (N, C, W) is pooled as (N, C, 1, W)."""
        if self._is_1d(inputs[0].ndim):
            (y,), saved = self.forward_2d(xp, [inputs[0][:, :, None, :]], record)
            return [y[:, :, 0, :]], saved
        return self.forward_2d(xp, inputs, record)

    def forward_2d(self, xp, inputs, record):
        x = inputs[0]
        geometry = kernel, stride, pad, out_size, extra = self._geometry(x.shape)
        fill = -xp.inf if self.pool_type == 'max' else 0
        x_pad = pad_chwn(xp, to_chwn(x), pad, extra, value=fill)
        cells = window_cells(xp, windows(xp, x_pad, kernel, stride, out_size))  # (KH*KW, C, OH, OW, N)
        winner = None
        if self.pool_type == 'max':
            y, winner = max_and_first_winner(xp, cells, keep_winner=record)    # y = max over window
        else:
            y = cells.sum(axis=0)                                              # y = sum over window
            if self.pool_type == 'avg':
                y /= self._count(xp, x.shape, geometry, y.dtype)               #     / count
        return [to_nchw(y)], (PoolSaved(x.shape, x.dtype, geometry, winner) if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        if out_grads[0].ndim == 3:                      # 1-D: as 2-D of height 1
            return [self.backward_2d(xp, saved, [out_grads[0][:, :, None, :]],
                                     needs_grad)[0][:, :, 0, :]]
        return self.backward_2d(xp, saved, out_grads, needs_grad)

    def backward_2d(self, xp, saved, out_grads, needs_grad):
        (n, c, h, w), dtype, geometry, winner = saved
        kernel, stride, pad, out_size, extra = geometry
        # dy in CHWN memory, so the KH*KW passes below read it in order (one transposing copy when
        # it comes in another order, as LeNet's pool2 does from the FullyConnected above it)
        dy = fast.as_contiguous(xp, to_chwn(out_grads[0]))
        if self.pool_type == 'avg':
            dy = dy / self._count(xp, (n, c, h, w), geometry, dtype)
        (ph, pw), (eh, ew) = pad, extra
        dx_pad = xp.zeros((c, h + 2 * ph + eh, w + 2 * pw + ew, n), dtype=dtype)
        dx_windows = windows(xp, dx_pad, kernel, stride, out_size)
        overlap = any(s < k for s, k in zip(stride, kernel))
        for k in range(kernel[0] * kernel[1]):
            # max: the window's dy goes to the offset that won; avg, sum: to every offset
            share = dy * (winner == k) if self.pool_type == 'max' else dy
            fast.scatter_windows(xp, dx_windows[:, k // kernel[1], k % kernel[1]], share, overlap)
        return [to_nchw(dx_pad[:, ph:ph + h, pw:pw + w, :])]
