"""Ops that move numbers without changing them: each backward puts dy back where x's numbers were.

    Flatten      y = reshape(x, (N, -1))           dx = reshape(dy, x.shape)
    Reshape      y = reshape(x, shape)             dx = reshape(dy, x.shape)
    Transpose    y = x with axes permuted           dx = dy with the inverse permutation
    ExpandDims   y = x with a new axis of size 1    dx = reshape(dy, x.shape)
    Concat       y = [x_1 x_2 ...] along an axis    dx_i = the slice of dy that x_i filled
    Stack        y = [x_1, x_2, ...] on a new axis  dx_i = dy[..., i, ...]

Flatten's order is row-major over (C, H, W), as MXNet's, so weights trained there fit here.
"""
import math

from ..base import InvalidArgumentError
from .attrs import Attr
from .base import Op


class Flatten(Op):
    may_return_view = True

    def infer_shape(self, in_shapes):
        data = in_shapes[0]
        if data is None:
            return in_shapes, [None]
        if len(data) < 1:
            raise InvalidArgumentError("%s: argument 'data' must have at least 1 axis, got shape %s"
                             % (self, tuple(data)))
        return in_shapes, [(data[0], math.prod(data[1:]))]

    def forward(self, xp, inputs, record):
        x = inputs[0]
        return [x.reshape(x.shape[0], -1)], x.shape

    def backward(self, xp, saved, out_grads, needs_grad):
        return [out_grads[0].reshape(saved)]


class Reshape(Op):
    """y = x with another shape of the same size; dx = dy with x's shape. `shape` may hold MXNet's
    special codes 0, -1, -2, -3, -4 (see `reshape_target`), worked out for each input: a traced
    `x.reshape((0, -1))` keeps fitting any batch size."""
    may_return_view = True

    attrs = (Attr('shape', 'ints', doc="the new shape, with MXNet's codes 0, -1, -2, -3, -4"),
             Attr('reverse', 'bool', False, 'read the codes from the right; only False is '
                  'supported'))

    def infer_shape(self, in_shapes):
        if in_shapes[0] is None:
            return in_shapes, [None]
        return in_shapes, [reshape_target(self, in_shapes[0], self.shape, self.reverse)]

    def forward(self, xp, inputs, record):
        x = inputs[0]
        return [x.reshape(reshape_target(self, x.shape, self.shape, self.reverse))], x.shape

    def backward(self, xp, saved, out_grads, needs_grad):
        return [out_grads[0].reshape(saved)]


class NpReshape(Op):
    """NumPy's reshape (MXNet's _np_reshape, what mx.np's reshape records): y = x in `newshape`,
    where one -1 stands for the axis the size leaves and () is a 0-d array of one element; no
    other codes. dx = dy in x's shape."""
    may_return_view = True

    attrs = (Attr('newshape', 'any', doc='the new shape: an int or a tuple of ints, one of them '
                  'may be -1'),
             Attr('order', 'choice', 'C', "the element order; only 'C'", choices=('C',)))

    def check(self):
        shape = self.newshape
        if isinstance(shape, str):                       # from symbol JSON: '(2, 3)'
            shape = [v for v in shape.strip('()[] ').split(',') if v.strip()]
        try:
            shape = tuple(int(v) for v in (shape if isinstance(shape, (tuple, list)) else [shape]))
        except (TypeError, ValueError):
            raise InvalidArgumentError('%s: argument \'newshape\' must be an int or a tuple of '
                                       'ints, got %r' % (self, self.newshape)) from None
        if any(n < -1 for n in shape) or shape.count(-1) > 1:
            raise InvalidArgumentError('%s: argument \'newshape\' %s may hold one -1 and no other '
                                       'negative number' % (self, shape))
        self.newshape = shape

    def target(self, shape):
        """`newshape` with its -1 worked out for an input of `shape`."""
        size, known = math.prod(shape), math.prod(n for n in self.newshape if n != -1)
        if -1 in self.newshape:
            if known == 0 or size % known:
                raise InvalidArgumentError('%s: cannot reshape an array of shape %s into %s'
                                           % (self, tuple(shape), self.newshape))
            return tuple(size // known if n == -1 else n for n in self.newshape)
        if known != size:
            raise InvalidArgumentError('%s: cannot reshape an array of shape %s (%d elements) '
                                       'into %s' % (self, tuple(shape), size, self.newshape))
        return self.newshape

    def infer_shape(self, in_shapes):
        if in_shapes[0] is None:
            return in_shapes, [None]
        return in_shapes, [self.target(in_shapes[0])]

    def forward(self, xp, inputs, record):
        x = inputs[0]
        return [x.reshape(self.target(x.shape))], x.shape

    def backward(self, xp, saved, out_grads, needs_grad):
        return [out_grads[0].reshape(saved)]


def reshape_target(layer, shape, codes, reverse=False):
    """The shape MXNet's `reshape` means by `codes` for an input of `shape`:
        0  copy this axis of the input        -1  infer this axis from the size
        -2 copy all remaining input axes      -3  one axis: the product of the next two input axes
        -4 split the next input axis into the two numbers that follow (one of them may be -1)
    """
    if reverse:
        raise InvalidArgumentError('%s: reverse=True is not supported' % layer)
    shape, codes = tuple(shape), tuple(int(c) for c in codes)
    out, infer_at, i, k = [], None, 0, 0
    while k < len(codes):
        code = codes[k]
        if code > 0:
            out.append(code)
            i += 1
        elif code == 0:
            if i >= len(shape):
                raise InvalidArgumentError('%s: code 0 at position %d copies input axis %d, but the input has '
                                 'shape %s' % (layer, k, i, shape))
            out.append(shape[i])
            i += 1
        elif code == -1:
            if infer_at is not None:
                raise InvalidArgumentError('%s: shape %s has more than one -1' % (layer, codes))
            infer_at = len(out)
            out.append(-1)
            i += 1
        elif code == -2:
            out.extend(shape[i:])
            i = len(shape)
        elif code == -3:
            if i + 1 >= len(shape):
                raise InvalidArgumentError('%s: code -3 needs two more input axes of shape %s'
                                 % (layer, shape))
            out.append(shape[i] * shape[i + 1])
            i += 2
        elif code == -4:
            if k + 2 >= len(codes) or i >= len(shape):
                raise InvalidArgumentError('%s: code -4 needs two numbers after it and an input axis to '
                                 'split, got %s for shape %s' % (layer, codes, shape))
            first, second = codes[k + 1], codes[k + 2]
            if first == -1:
                first = shape[i] // second if second > 0 else -1
            if second == -1:
                second = shape[i] // first if first > 0 else -1
            if first * second != shape[i]:
                raise InvalidArgumentError('%s: code -4 cannot split axis %d of size %d into %s x %s'
                                 % (layer, i, shape[i], codes[k + 1], codes[k + 2]))
            out.extend([first, second])
            i += 1
            k += 2
        else:
            raise InvalidArgumentError('%s: %d is not a shape code (use a size, 0, -1, -2, -3 or -4)'
                             % (layer, code))
        k += 1
    size, known = math.prod(shape), math.prod(n for n in out if n != -1)
    if infer_at is not None:
        if known == 0 or size % known:
            raise InvalidArgumentError('%s: cannot infer the -1 in %s for an input of shape %s'
                             % (layer, codes, shape))
        out[infer_at] = size // known
    if math.prod(out) != size:
        raise InvalidArgumentError('%s: cannot reshape an array of shape %s (size %d) to %s'
                         % (layer, shape, size, tuple(out)))
    return tuple(out)


class Transpose(Op):
    """y = x with its axes permuted (reversed when `axes` is empty); dx = dy permuted back."""
    may_return_view = True

    attrs = (Attr('axes', 'ints', (), 'the permutation; () reverses the axes'),)

    def infer_shape(self, in_shapes):
        data = in_shapes[0]
        return in_shapes, [None if data is None else tuple(data[a] for a in self._axes(len(data)))]

    def _axes(self, ndim):
        axes = self.axes or tuple(reversed(range(ndim)))
        if sorted(a % ndim for a in axes) != list(range(ndim)) or len(axes) != ndim:
            raise InvalidArgumentError('%s: axes %s are not a permutation of the %d axes of the data'
                             % (self, self.axes, ndim))
        return tuple(a % ndim for a in axes)

    def forward(self, xp, inputs, record):
        x = inputs[0]
        axes = self._axes(x.ndim)
        return [x.transpose(axes)], axes

    def backward(self, xp, saved, out_grads, needs_grad):
        inverse = [saved.index(a) for a in range(len(saved))]
        return [out_grads[0].transpose(inverse)]


class SwapAxis(Transpose):
    """y = x with axes dim1 and dim2 exchanged (MXNet's swapaxes); dx = dy swapped back."""
    attrs = (Attr('dim1', 'int', 0, 'the first axis'), Attr('dim2', 'int', 0, 'the second axis'))

    def _axes(self, ndim):
        if not (-ndim <= self.dim1 < ndim and -ndim <= self.dim2 < ndim):
            raise InvalidArgumentError('%s: dim1=%d and dim2=%d must be axes of the %d-D data'
                                       % (self, self.dim1, self.dim2, ndim))
        axes = list(range(ndim))
        axes[self.dim1], axes[self.dim2] = axes[self.dim2], axes[self.dim1]
        return tuple(axes)


class ExpandDims(Op):
    """y = x with a new axis of size 1 at `axis`; dx = dy without it."""
    may_return_view = True

    attrs = (Attr('axis', 'int', doc='where the new axis goes'),)

    def _axis(self, ndim):
        if not -ndim - 1 <= self.axis <= ndim:
            raise InvalidArgumentError("%s: argument 'axis' %d is out of range for a %d-D array"
                             % (self, self.axis, ndim))
        return self.axis % (ndim + 1)

    def infer_shape(self, in_shapes):
        data = in_shapes[0]
        if data is None:
            return in_shapes, [None]
        axis = self._axis(len(data))
        return in_shapes, [tuple(data[:axis]) + (1,) + tuple(data[axis:])]

    def forward(self, xp, inputs, record):
        x = inputs[0]
        return [xp.expand_dims(x, self._axis(x.ndim))], x.shape

    def backward(self, xp, saved, out_grads, needs_grad):
        return [out_grads[0].reshape(saved)]


class Concat(Op):
    """y = the inputs joined along axis `dim`; each input's gradient is its slice of dy."""
    arguments = ()            # any number of inputs

    attrs = (Attr('dim', 'int', 1, 'the axis joined along'),
             Attr('num_args', 'int', None, "the number of inputs (MXNet's JSON writes it)",
                  minimum=1))

    def list_arguments(self):
        """arg0, arg1, ... as MXNet names them (num_args of them; any number when not given)."""
        return ['arg%d' % i for i in range(self.num_args or 0)]

    def _dim(self, shapes):
        first = shapes[0]
        dim = self.dim % len(first) if -len(first) <= self.dim < len(first) else None
        if dim is None or any(len(s) != len(first) or s[:dim] + s[dim + 1:] !=
                              first[:dim] + first[dim + 1:] for s in shapes):
            raise InvalidArgumentError('%s: arrays of shapes %s cannot be joined along axis %d'
                             % (self, shapes, self.dim))
        return dim

    def infer_shape(self, in_shapes):
        if any(s is None for s in in_shapes):
            return in_shapes, [None]
        shapes = [tuple(s) for s in in_shapes]
        dim = self._dim(shapes)
        out = list(shapes[0])
        out[dim] = sum(s[dim] for s in shapes)
        return in_shapes, [tuple(out)]

    def forward(self, xp, inputs, record):
        dim = self._dim([tuple(x.shape) for x in inputs])
        return [xp.concatenate(inputs, axis=dim)], (dim, [x.shape[dim] for x in inputs])

    def backward(self, xp, saved, out_grads, needs_grad):
        dim, sizes = saved
        bounds = [sum(sizes[:i]) for i in range(len(sizes) + 1)]
        index = [slice(None)] * out_grads[0].ndim
        grads = []
        for i in range(len(sizes)):
            index[dim] = slice(bounds[i], bounds[i + 1])
            grads.append(out_grads[0][tuple(index)].copy())
        return grads


class Stack(Op):
    """y = the inputs (all of one shape) stacked along a new axis; each gets its slice of dy."""
    arguments = ()

    attrs = (Attr('axis', 'int', 0, 'where the new axis goes'),
             Attr('num_args', 'int', None, "the number of inputs (MXNet's JSON writes it)",
                  minimum=1))

    def list_arguments(self):
        """arg0, arg1, ... as MXNet names them (num_args of them; any number when not given)."""
        return ['arg%d' % i for i in range(self.num_args or 0)]

    def _axis(self, shapes):
        if any(s != shapes[0] for s in shapes):
            raise InvalidArgumentError('%s: arrays of shapes %s cannot be stacked: they must have one shape'
                             % (self, shapes))
        ndim = len(shapes[0]) + 1
        if not -ndim <= self.axis < ndim:
            raise InvalidArgumentError("%s: argument 'axis' %d is out of range for a %d-D result"
                             % (self, self.axis, ndim))
        return self.axis % ndim

    def infer_shape(self, in_shapes):
        if any(s is None for s in in_shapes):
            return in_shapes, [None]
        shapes = [tuple(s) for s in in_shapes]
        axis = self._axis(shapes)
        return in_shapes, [shapes[0][:axis] + (len(shapes),) + shapes[0][axis:]]

    def forward(self, xp, inputs, record):
        axis = self._axis([tuple(x.shape) for x in inputs])
        return [xp.stack(inputs, axis=axis)], axis

    def backward(self, xp, saved, out_grads, needs_grad):
        dy = out_grads[0]
        return [xp.take(dy, i, axis=saved) for i in range(dy.shape[saved])]
