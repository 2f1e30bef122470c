"""Reductions over axes: sum, mean, max, min, prod (and argmax/argmin, which have no gradient).

    sum    y = sum_k x_k          dx = dy, repeated over the reduced axes
    mean   y = sum_k x_k / n      dx = dy / n, repeated
    max    y = max_k x_k          dx = dy where x == y, else 0    (every tie gets dy, as MXNet)
    min    y = min_k x_k          dx = dy where x == y, else 0
    prod   y = prod_k x_k         dx_k = dy * prod_{j != k} x_j   (the product of the others,
                                  exact also where x has zeros: never y / x)
    cumsum y_i = sum_{k <= i} x_k    dx_k = sum_{i >= k} dy_i
`axis` is an int, a tuple of ints or None (all axes); with keepdims the reduced axes stay as size 1.
A reduction to a single number has shape (1,), as in MXNet 1.x (there are no 0-d arrays).
"""
import math

from ..base import InvalidArgumentError
from .attrs import Attr
from .base import Op


def normalize_axes(layer, axis, ndim):
    """axis (None, int or tuple, negatives allowed) as a sorted tuple of distinct axes."""
    if axis is None or axis == ():
        return tuple(range(ndim))
    axes = (axis,) if isinstance(axis, int) else tuple(axis)
    result = []
    for a in axes:
        if not isinstance(a, int) or isinstance(a, bool) or not -ndim <= a < ndim:
            raise InvalidArgumentError('%s: argument \'axis\' holds %r, which is not an axis of a %d-D array'
                             % (layer, a, ndim))
        result.append(a % ndim)
    if len(set(result)) != len(result):
        raise InvalidArgumentError("%s: argument 'axis' repeats an axis: %r" % (layer, axis))
    return tuple(sorted(result))


def reduced_shape(shape, axes, keepdims):
    """The output shape: reduced axes dropped (or kept as 1); () becomes (1,)."""
    if keepdims:
        return tuple(1 if i in axes else n for i, n in enumerate(shape))
    return tuple(n for i, n in enumerate(shape) if i not in axes) or (1,)


class Reduce(Op):
    FUNCTIONS = ('sum', 'mean', 'max', 'min', 'prod')

    attrs = (Attr('function', 'choice', 'sum', "which reduction (implied by the op's name)",
                  choices=FUNCTIONS),
             Attr('axis', 'ints', None, 'the axes reduced; None: all'),
             Attr('keepdims', 'bool', False, 'keep the reduced axes as size 1'),
             Attr('exclude', 'bool', False, 'reduce every axis but those in `axis`'))

    def axes_for(self, ndim):
        """The axes reduced for an input of `ndim` axes: `axis`, or with exclude=True every axis
        but those (none left: y = x, as a loss's per-sample mean of a 1-D loss)."""
        axes = normalize_axes(self, self.axis, ndim)
        return tuple(a for a in range(ndim) if a not in axes) if self.exclude else axes

    def infer_shape(self, in_shapes):
        data = in_shapes[0]
        if data is None:
            return in_shapes, [None]
        return in_shapes, [reduced_shape(data, self.axes_for(len(data)), self.keepdims)]

    def forward(self, xp, inputs, record):
        x = inputs[0]
        axes = self.axes_for(x.ndim)
        y_kept = getattr(xp, self.function)(x, axis=axes, keepdims=True)
        y = y_kept.reshape(reduced_shape(x.shape, axes, self.keepdims))
        return [y], ((x, axes, y_kept) if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        x, axes, y_kept = saved
        dy = out_grads[0].reshape(y_kept.shape)          # reduced axes as size 1: broadcasts
        f = self.function
        if f == 'sum':
            dx = xp.broadcast_to(dy, x.shape).copy()
        elif f == 'mean':
            dx = xp.broadcast_to(dy / math.prod(x.shape[a] for a in axes), x.shape).copy()
        elif f in ('max', 'min'):
            dx = dy * (x == y_kept)
        else:
            dx = dy * product_of_others(xp, x, axes)
        return [dx]


def product_of_others(xp, x, axes):
    """For each element of x, the product of the other elements of its group (the elements that
    `prod(x, axes)` multiplies together): exclusive running products from the left and the right,
    so zeros need no special case."""
    rest = [a for a in range(x.ndim) if a not in axes]
    order = rest + list(axes)
    moved = xp.transpose(x, order)                        # the reduced axes last ...
    flat = moved.reshape(moved.shape[:len(rest)] + (-1,))  # ... and as one axis
    ones = xp.ones(flat.shape[:-1] + (1,), dtype=x.dtype)
    left = xp.cumprod(xp.concatenate([ones, flat[..., :-1]], axis=-1), axis=-1)
    right = xp.flip(xp.cumprod(xp.concatenate([ones, xp.flip(flat, -1)[..., :-1]], axis=-1),
                               axis=-1), -1)
    others = (left * right).reshape(moved.shape)
    return xp.transpose(others, [order.index(a) for a in range(x.ndim)])


class ArgReduce(Op):
    """argmax / argmin along one axis (or of the flattened array), as float indices in x's dtype
    (MXNet's). No gradient flows through: an index is not a differentiable function of x, and
    backward gives zeros, as MXNet's does."""
    attrs = (Attr('function', 'choice', 'argmax', "which (implied by the op's name)",
                  choices=('argmax', 'argmin')),
             Attr('axis', 'int', None, 'the axis searched; None: the flattened array'),
             Attr('keepdims', 'bool', False, 'keep the searched axis as size 1'))

    def infer_shape(self, in_shapes):
        data = in_shapes[0]
        if data is None:
            return in_shapes, [None]
        if self.axis is None:
            return in_shapes, [(1,) * (len(data) if self.keepdims else 1)]
        return in_shapes, [reduced_shape(data, normalize_axes(self, self.axis, len(data)),
                                         self.keepdims)]

    def forward(self, xp, inputs, record):
        x = inputs[0]
        if self.axis is None:
            y = getattr(xp, self.function)(x.reshape(-1)).reshape((1,) * (x.ndim if self.keepdims
                                                                          else 1))
        else:
            (axis,) = normalize_axes(self, self.axis, x.ndim)
            y = getattr(xp, self.function)(x, axis=axis)
            y = xp.expand_dims(y, axis) if self.keepdims else y.reshape(y.shape or (1,))
        return [y.astype(x.dtype)], ([(x.shape, x.dtype)] if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        return self.zero_grads(xp, saved)


class Cumsum(Op):
    """cumsum(axis=None): running sums along `axis` (None: of the flattened array).

        y_i = sum_{k <= i} x_k        dx_k = sum_{i >= k} dy_i  (dy's running sum from the end)
    """
    attrs = (Attr('axis', 'any', None, 'the axis summed along; None: the flattened array'),
             Attr('dtype', 'any', None, 'the result dtype; None: the input\'s'))

    def _axis(self, ndim):
        if self.axis is None or self.axis == 'None':
            return None
        axis = int(self.axis)
        if not -ndim <= axis < ndim:
            raise InvalidArgumentError("%s: argument 'axis' %d is not an axis of a %d-D array"
                                       % (self, axis, ndim))
        return axis % ndim

    def infer_shape(self, in_shapes):
        data = in_shapes[0]
        if data is None:
            return in_shapes, [None]
        return in_shapes, [tuple(data) if self._axis(len(data)) is not None
                           else (math.prod(data),)]

    def forward(self, xp, inputs, record):
        x = inputs[0]
        axis = self._axis(x.ndim)
        source = x.reshape(-1) if axis is None else x
        dtype = x.dtype if self.dtype in (None, 'None') else self.dtype    # int32 stays int32
        y = xp.cumsum(source, axis=0 if axis is None else axis).astype(dtype, copy=False)
        return [y], ((x.shape, axis) if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        shape, axis = saved
        dy = out_grads[0]
        along = 0 if axis is None else axis
        dx = xp.flip(xp.cumsum(xp.flip(dy, along), axis=along), along)    # from the end
        return [dx.reshape(shape)]
