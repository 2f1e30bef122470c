"""The window machinery of Convolution and Pooling: every KH x KW window of an image at once.

Shapes: N batch, C channels, H x W image, KH x KW kernel, OH x OW output pixels.

Inside these ops images are handled batch-last, (C, H, W, N), the layout cuda-convnet used: the same
pixel of all N images sits side by side in memory, and for stride 1 so does a whole row of pixels,
(W, N). Every copy that gathers windows (im2col, col2im, pooling) then moves runs of hundreds of
contiguous numbers instead of single floats or short runs of C channels, and NumPy's cost per run
disappears. It also makes im2col's matrix come out with the weight's own (C, KH, KW) row order, so
the weight is used as it is stored. The ops still take and return NCHW arrays, as MXNet does: the
NCHW array they return is a transposed *view* of CHWN memory (no copy), and elementwise ops such as
Activation keep that memory order, so the next Convolution or Pooling gets CHWN memory back free.
"""


def to_chwn(x):
    """An NCHW array seen as CHWN (a view: no data moves)."""
    return x.transpose(1, 2, 3, 0)


def to_nchw(x):
    """A CHWN array seen as NCHW (a view: no data moves)."""
    return x.transpose(3, 0, 1, 2)


def output_size(size, kernel, stride, pad, dilate=(1, 1)):
    """OH = (H + 2 pad_h - dilate_h (KH - 1) - 1) // stride_h + 1, and likewise OW."""
    return tuple((s + 2 * p - d * (k - 1) - 1) // st + 1
                 for s, k, st, p, d in zip(size, kernel, stride, pad, dilate))


def pad_chwn(xp, x, pad, extra=(0, 0), value=0):
    """x (C, H, W, N) padded by pad[0] rows above and pad[0] + extra[0] below, likewise for columns.
    The result is C-contiguous: x itself when it already is and needs no padding, else a copy."""
    (ph, pw), (eh, ew) = pad, extra
    if ph == pw == eh == ew == 0:
        return xp.ascontiguousarray(x)
    c, h, w, n = x.shape
    out = xp.full((c, h + 2 * ph + eh, w + 2 * pw + ew, n), value, dtype=x.dtype)
    out[:, ph:ph + h, pw:pw + w, :] = x
    return out


def windows(xp, x, kernel, stride, out_size, dilate=(1, 1)):
    """Every window of a (C, H, W, N) array at once, as a view of shape (C, KH, KW, OH, OW, N):
    element [c, i, j, oh, ow, n] is x[c, oh * stride_h + i * dilate_h, ow * stride_w + j * dilate_w, n].

    No data moves: the view only sets strides, so `windows(...)[:, i, j]` is the slice of x that
    kernel offset (i, j) sees across all output pixels. Within one offset no two output pixels
    share an input cell, so adding into such a slice of a buffer of our own is safe (col2im and the
    pooling backward do that); across offsets they may, which is why those loops go offset by offset.
    (`as_strided`, not `sliding_window_view`: CuPy's cannot be written through.)
    """
    c, _, _, n = x.shape
    sc, sh, sw, sn = x.strides
    (kh, kw), (oh, ow) = kernel, out_size
    shape = (c, kh, kw, oh, ow, n)
    strides = (sc, sh * dilate[0], sw * dilate[1], sh * stride[0], sw * stride[1], sn)
    return xp.lib.stride_tricks.as_strided(x, shape=shape, strides=strides)


def im2col(xp, x_chwn, kernel, stride, pad, dilate, out_size):
    """x (C, H, W, N) -> col (C*KH*KW, OH*OW*N), rows ordered (c, kh, kw), columns (oh, ow, n):
    column p holds the input window that output pixel p sees.

    Why it is fast: the windows are a strided view of the padded x, and one copy writes them into
    `col` in order while reading runs of OW*N contiguous numbers (N when the stride is above 1).
    `col` is always a new array of its own, never a view of x, so backward may write over it."""
    c, n = x_chwn.shape[0], x_chwn.shape[3]
    (kh, kw), (oh, ow) = kernel, out_size
    view = windows(xp, pad_chwn(xp, x_chwn, pad), kernel, stride, out_size, dilate)
    col = xp.empty((c * kh * kw, oh * ow * n), dtype=x_chwn.dtype)
    col.reshape(view.shape)[...] = view
    return col


def col2im(xp, col, x_shape_chwn, kernel, stride, pad, dilate, out_size):
    """The adjoint of im2col: col (C*KH*KW, OH*OW*N) -> dx (C, H, W, N), each column added back
    onto the input cells of its window (overlapping windows sum). KH*KW passes, one per kernel
    offset; never a Python loop over the batch or the pixels."""
    c, h, w, n = x_shape_chwn
    (kh, kw), (oh, ow), (ph, pw) = kernel, out_size, pad
    col = col.reshape(c, kh, kw, oh, ow, n)
    dx_pad = xp.zeros((c, h + 2 * ph, w + 2 * pw, n), dtype=col.dtype)
    dx_windows = windows(xp, dx_pad, kernel, stride, out_size, dilate)
    for i in range(kh):
        for j in range(kw):          # one offset at a time: windows overlap across offsets
            dx_windows[:, i, j] += col[:, i, j]
    return dx_pad[:, ph:ph + h, pw:pw + w, :]


def window_cells(xp, view):
    """The windows view (C, KH, KW, OH, OW, N) -> cells (KH*KW, C, OH, OW, N): cells[k] is kernel
    offset k of every window, as one contiguous array.

    Why it is fast: one copy lines up each offset's cells, so the reductions over k that follow run
    over whole contiguous arrays (the gain is small with batch-last memory and was large with
    channels-last; benchmarks/RESULTS.md, "Named fast paths")."""
    c, kh, kw, oh, ow, n = view.shape
    return xp.ascontiguousarray(view.transpose(1, 2, 0, 3, 4, 5)).reshape(kh * kw, c, oh, ow, n)


def max_and_first_winner(xp, cells, keep_winner):
    """y = max over k of cells[k], and (when asked) winner = the first k that reaches it.

    The winner is MXNet's first maximum in row-major order: offset k wins where it is strictly
    greater than every offset before it, so on a tie the earlier offset keeps it. Later wins have
    larger k, so a running maximum of k * (cells[k] > y) records the last strict win. The winner is
    uint8 (int32 for kernels of 256 cells or more): backward needs only which offset won."""
    y = cells[0].copy()
    winner = None
    if keep_winner:
        winner = xp.zeros(y.shape, dtype=xp.uint8 if len(cells) < 256 else xp.int32)
    for k in range(1, len(cells)):
        if keep_winner:
            better = cells[k] > y
            xp.maximum(winner, better * winner.dtype.type(k), out=winner)
        xp.maximum(y, cells[k], out=y)
    return y, winner
