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

How: `windows` gives a strided view of all windows at once; one copy lines up each kernel offset's
cells, then one pass per offset (KH*KW passes, never a loop over pixels) keeps the running maximum
or sum. Max also records which offset won, so backward hands each window's dy to its winner with
KH*KW masked writes and no search.
"""
import math

from .base import Op, parse_bool, parse_choice, parse_tuple, pad_chwn, to_chwn, to_nchw, windows


class Pooling(Op):

    def __init__(self, name, kernel=(), pool_type='max', stride=(), pad=(), global_pool=False,
                 pooling_convention='valid', count_include_pad=True, cudnn_off=False, p_value=None,
                 layout=None):
        super().__init__(name)
        self.pool_type = parse_choice(self, 'pool_type', pool_type, ('max', 'avg', 'sum'))
        self.global_pool = parse_bool(self, 'global_pool', global_pool)
        self.kernel = parse_tuple(self, 'kernel', kernel, 2, allow_empty=True)
        if not self.kernel and not self.global_pool:
            raise ValueError("%s: argument 'kernel' is required unless global_pool=True" % self)
        self.stride = parse_tuple(self, 'stride', stride, 2, allow_empty=True) or (1, 1)
        self.pad = parse_tuple(self, 'pad', pad, 2, allow_empty=True) or (0, 0)
        self.pooling_convention = parse_choice(self, 'pooling_convention', pooling_convention,
                                               ('valid', 'full'))
        self.count_include_pad = parse_bool(self, 'count_include_pad', count_include_pad)
        for arg, value, low in (('kernel', self.kernel or (1, 1), 1), ('stride', self.stride, 1),
                                ('pad', self.pad, 0)):
            if min(value) < low:
                raise ValueError('%s: argument %r must be >= %d, got %s' % (self, arg, low, value))
        if layout not in (None, 'None', 'NCHW'):
            raise ValueError("%s: argument 'layout' must be NCHW, got %r" % (self, layout))
        if self.kernel and any(p >= k for p, k in zip(self.pad, self.kernel)):
            # a window could then lie wholly in the padding: max would give -inf
            raise ValueError('%s: pad %s must be smaller than kernel %s' % (self, self.pad, self.kernel))

    def _geometry(self, data_shape):
        """(kernel, stride, pad, out_size, extra): extra is the padding past `pad` that 'full' adds
        at the bottom and right so the last window fits."""
        size = tuple(data_shape[2:])
        if self.global_pool:
            return size, (1, 1), (0, 0), (1, 1), (0, 0)
        kernel, stride, pad = self.kernel, self.stride, self.pad
        if any(s + 2 * p < k for s, p, k in zip(size, pad, kernel)):
            raise ValueError('%s: kernel %s does not fit data of shape %s with pad %s'
                             % (self, kernel, tuple(data_shape), pad))
        if self.pooling_convention == 'valid':
            out = tuple((s + 2 * p - k) // st + 1 for s, p, k, st in zip(size, pad, kernel, stride))
        else:
            out = tuple(int(math.ceil((s + 2 * p - k) / st)) + 1
                        for s, p, k, st in zip(size, pad, kernel, stride))
        extra = tuple(max(0, (o - 1) * st + k - (s + 2 * p))
                      for o, st, k, s, p in zip(out, stride, kernel, size, pad))
        return kernel, stride, pad, out, extra

    def infer_shape(self, in_shapes):
        data = self.need_data_shape(in_shapes, 4, '(N, C, H, W)')
        if data is None:
            return in_shapes, [None]
        out_size = self._geometry(data)[3]
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

    def forward(self, xp, inputs, is_train):
        x = inputs[0]
        geometry = kernel, stride, pad, out_size, extra = self._geometry(x.shape)
        fill = -xp.inf if self.pool_type == 'max' else 0
        x_pad = pad_chwn(xp, to_chwn(x), pad, extra, value=fill)
        view = windows(xp, x_pad, kernel, stride, out_size)        # (C, KH, KW, OH, OW, N)
        # One copy puts each kernel offset's cells side by side: cells[k] is (C, OH, OW, N) and
        # contiguous, so the passes below run over whole arrays. (5x faster than passes over the
        # strided view with channels-last memory; with batch-last memory the view already has runs
        # of N, and the copy gains less: 0.38 against 0.41 ms for LeNet's pool1.)
        cells = xp.ascontiguousarray(view.transpose(1, 2, 0, 3, 4, 5)).reshape(
            (kernel[0] * kernel[1],) + view.shape[:1] + view.shape[3:])
        y = cells[0].copy()
        winner = None
        if self.pool_type == 'max':
            if is_train:
                winner = xp.zeros(y.shape, dtype=xp.uint8 if len(cells) < 256 else xp.int32)
            for k in range(1, len(cells)):
                if is_train:
                    # Offset k wins where it is strictly greater than all before it, so on a tie
                    # the earlier offset keeps the gradient (MXNet's first maximum). Later wins
                    # have larger k, so a running maximum of k * better records the last win.
                    better = cells[k] > y
                    xp.maximum(winner, better * winner.dtype.type(k), out=winner)
                xp.maximum(y, cells[k], out=y)
        else:
            for k in range(1, len(cells)):
                y += cells[k]
            if self.pool_type == 'avg':
                count = self._count(xp, x.shape, geometry, y.dtype)
                y /= count
        return [to_nchw(y)], ((x.shape, x.dtype, geometry, winner) if is_train else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        x_shape, dtype, geometry, winner = saved
        kernel, stride, pad, out_size, extra = geometry
        n, c, h, w = x_shape
        # One transposing copy when dy is not CHWN memory (LeNet's pool2 gets NCHW from the
        # FullyConnected above it): the KH*KW passes below then read it in order (0.20 -> 0.14 ms).
        dy = xp.ascontiguousarray(to_chwn(out_grads[0]))
        if self.pool_type == 'avg':
            dy = dy / self._count(xp, x_shape, geometry, dtype)
        (ph, pw), (eh, ew) = pad, extra
        dx_pad = xp.zeros((c, h + 2 * ph + eh, w + 2 * pw + ew, n), dtype=dtype)
        dx_windows = windows(xp, dx_pad, kernel, stride, out_size)
        # Windows that do not overlap (stride >= kernel, as in LeNet's 2x2/2) each own their cells,
        # so each offset's share is written straight into place: 7x faster than adding it.
        overlap = any(s < k for s, k in zip(stride, kernel))
        for k in range(kernel[0] * kernel[1]):
            target = dx_windows[:, k // kernel[1], k % kernel[1]]
            share = dy * (winner == k) if self.pool_type == 'max' else dy
            if overlap:
                target += share
            else:
                xp.copyto(target, share)
        return [to_nchw(dx_pad[:, ph:ph + h, pw:pw + w, :])]
