"""What every op shares: attribute parsing with MXNet's spelling, and the `Op` base class.

An op is built from attributes that may come from Python (`kernel=(5, 5)`) or from a saved symbol's
JSON, where MXNet writes every attribute as a string (`"kernel": "(5, 5)"`); the parsers accept both.
"""
import ast


def parse_tuple(layer, arg, value, length, allow_empty=False):
    """`(5, 5)`, `[5, 5]`, `5`, `"(5, 5)"` or `"5"` -> a tuple of `length` positive ints."""
    original = value
    if isinstance(value, str):
        try:
            value = ast.literal_eval(value.strip()) if value.strip() else ()
        except (ValueError, SyntaxError):
            raise ValueError('%s: argument %r must be a tuple of %d ints, got %r'
                             % (layer, arg, length, original)) from None
    if isinstance(value, int) and not isinstance(value, bool):
        value = (value,) * length
    try:
        value = tuple(int(v) for v in value)
    except (TypeError, ValueError):
        raise ValueError('%s: argument %r must be a tuple of %d ints, got %r'
                         % (layer, arg, length, original)) from None
    if allow_empty and value == ():
        return value
    if len(value) != length:
        raise ValueError('%s: argument %r must have %d numbers (height, width), got %r; only 2-D '
                         'inputs (N, C, H, W) are supported' % (layer, arg, length, original))
    return value


def parse_bool(layer, arg, value):
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in ('true', '1'):
            return True
        if lowered in ('false', '0'):
            return False
        raise ValueError('%s: argument %r must be True or False, got %r' % (layer, arg, value))
    return bool(value)


def parse_number(layer, arg, value, kind=float, minimum=None):
    try:
        number = kind(value) if not isinstance(value, str) else kind(ast.literal_eval(value))
    except (TypeError, ValueError, SyntaxError):
        raise ValueError('%s: argument %r must be a number, got %r' % (layer, arg, value)) from None
    if minimum is not None and number < minimum:
        raise ValueError('%s: argument %r must be >= %s, got %r' % (layer, arg, minimum, value))
    return number


def parse_choice(layer, arg, value, choices):
    if value not in choices:
        raise ValueError('%s: argument %r must be one of %s, got %r'
                         % (layer, arg, ', '.join(repr(c) for c in choices), value))
    return value


def attr_to_string(value):
    """How MXNet writes an attribute into symbol JSON: `(5, 5)`, `True`, `0.5`, `relu`."""
    if isinstance(value, (list, tuple)):
        return '(%s)' % ', '.join(str(v) for v in value) if len(value) != 1 else '(%s,)' % value[0]
    return str(value)


class Op:
    """Base of every op. A subclass sets `arguments` (its input names, data first) and defines
    `infer_shape`, `forward` and `backward`. An op keeps only its attributes: the arrays that backward
    needs travel in `saved`, so one op object can serve any number of forward passes."""
    arguments = ('data',)
    is_loss = False     # a loss op's backward ignores the head gradient; see `loss()`

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "%s '%s'" % (type(self).__name__, self.name)

    def list_arguments(self):
        return list(self.arguments)

    def check_shape(self, arg, given, expected, data_shape):
        """Raise the error every shape mismatch gets: layer, argument, both shapes."""
        if given is not None and tuple(given) != tuple(expected):
            raise ValueError('%s: argument %r has shape %s, but the layer needs %s for data of shape '
                             '%s' % (self, arg, tuple(given), tuple(expected), tuple(data_shape)))

    def need_data_shape(self, in_shapes, ndim=None, what=''):
        data = in_shapes[0]
        if data is not None and ndim is not None and len(data) != ndim:
            raise ValueError('%s: argument \'data\' must be %d-D %s, got shape %s'
                             % (self, ndim, what, tuple(data)))
        return data


# ----- helpers for the 2-D window ops (Convolution, Pooling) ---------------------------------------
#
# Inside these ops images are handled batch-last, (C, H, W, N), the layout cuda-convnet used: the
# same pixel of all N images sits side by side in memory, and for stride 1 so does a whole row of
# pixels, (W, N). Every copy that gathers windows (im2col, col2im, pooling) then moves runs of
# hundreds of contiguous numbers instead of single floats or short runs of C channels, and NumPy's
# per-run overhead disappears. It also makes im2col's matrix come out with the weight's own
# (C, KH, KW) column order, so the weight is used as it is stored.
# The ops still take and return NCHW arrays, as MXNet does: the NCHW array they return is a
# transposed *view* of CHWN memory (no copy), and elementwise ops such as Activation keep that
# memory order, so the next Convolution or Pooling gets CHWN memory back for free.

def to_chwn(x):
    """An NCHW array seen as CHWN (a view: no data moves)."""
    return x.transpose(1, 2, 3, 0)


def to_nchw(x):
    """A CHWN array seen as NCHW (a view: no data moves)."""
    return x.transpose(3, 0, 1, 2)


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
    """
    c, _, _, n = x.shape
    sc, sh, sw, sn = x.strides
    (kh, kw), (oh, ow) = kernel, out_size
    shape = (c, kh, kw, oh, ow, n)
    strides = (sc, sh * dilate[0], sw * dilate[1], sh * stride[0], sw * stride[1], sn)
    return xp.lib.stride_tricks.as_strided(x, shape=shape, strides=strides)
