"""Choosing elements: indexing and slicing, pick, where, one_hot.

    getitem   y = x[key]                  dx = zeros with dy added back at key (repeats add up)
    pick      y[i] = x[i, index[i]]       dx = zeros with dy at (i, index[i]); along `axis`
    where     y = cond ? a : b            da = dy where cond, db = dy where not; cond gets none
    one_hot   y[..., k] = on if k == index else off      zero gradient (index is not continuous)
A result that would be a 0-d array has shape (1,), as in MXNet 1.x.
"""
import math

from ..base import InvalidArgumentError
from .attrs import Attr
from .base import Op


def is_basic(key):
    """Whether `key` is basic indexing (ints, slices, None, Ellipsis): the result is then a view,
    and no position is chosen twice."""
    parts = key if isinstance(key, tuple) else (key,)
    return all(isinstance(k, (int, slice)) or k is None or k is Ellipsis for k in parts)


class GetItem(Op):
    """x[key], with `key` as NumPy takes it (ints, slices, None, Ellipsis, integer arrays)."""
    may_return_view = True

    attrs = (Attr('key', 'any', None, 'the index, as NumPy takes it'),)

    def forward(self, xp, inputs, record):
        x = inputs[0]
        try:
            y = x[self.key]
        except IndexError as err:
            raise IndexError('%s: index %r does not fit an array of shape %s (%s)'
                             % (self, self.key, tuple(x.shape), err)) from None
        return [y.reshape(y.shape or (1,))], ((x.shape, x.dtype, y.shape) if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        x_shape, dtype, y_shape = saved
        dx = xp.zeros(x_shape, dtype=dtype)
        dy = out_grads[0].reshape(y_shape)
        if is_basic(self.key):
            dx[self.key] = dy                   # each position once: a plain write
        else:
            xp.add.at(dx, self.key, dy)         # an index may repeat: its gradients add up
        return [dx]


class Pick(Op):
    """y = x[..., index, ...] along `axis`, one index per position of the other axes."""
    arguments = ('data', 'index')
    index_arguments = ('index',)

    attrs = (Attr('axis', 'int', -1, 'the axis picked along'),
             Attr('keepdims', 'bool', False, 'keep that axis as size 1'),
             Attr('mode', 'choice', 'clip', 'what an index out of range means',
                  choices=('clip', 'wrap')))

    def infer_shape(self, in_shapes):
        data, index = in_shapes
        if data is None:
            return in_shapes, [None]
        if not -len(data) <= self.axis < len(data):
            raise InvalidArgumentError("%s: axis %d is not an axis of data %s" % (self, self.axis, tuple(data)))
        axis = self.axis % len(data)
        rest = tuple(data[:axis]) + tuple(data[axis + 1:])
        if index is not None and math.prod(index) != math.prod(rest):
            raise InvalidArgumentError("%s: index of shape %s does not pick along axis %d of data %s"
                             % (self, tuple(index), self.axis, tuple(data)))
        out = tuple(data[:axis]) + (1,) + tuple(data[axis + 1:]) if self.keepdims else rest or (1,)
        return [data, index if index is not None else rest], [out]

    def _index(self, xp, x, index):
        axis = self.axis % x.ndim
        size = x.shape[axis]
        i = index.astype(xp.int64)
        i = xp.clip(i, 0, size - 1) if self.mode == 'clip' else i % size
        return axis, xp.expand_dims(i.reshape(x.shape[:axis] + x.shape[axis + 1:]), axis)

    def forward(self, xp, inputs, record):
        x, index = inputs
        if not -x.ndim <= self.axis < x.ndim or \
                index.size * x.shape[self.axis % x.ndim] != x.size:
            raise InvalidArgumentError("%s: index of shape %s does not pick along axis %d of data %s"
                             % (self, tuple(index.shape), self.axis, tuple(x.shape)))
        axis, i = self._index(xp, x, index)
        y = xp.take_along_axis(x, i, axis=axis)
        if not self.keepdims:
            y = y.reshape(y.shape[:axis] + y.shape[axis + 1:] or (1,))
        return [y], ((x.shape, x.dtype, axis, i, index.shape, index.dtype) if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        x_shape, dtype, axis, i, index_shape, index_dtype = saved
        dx = xp.zeros(x_shape, dtype=dtype)
        xp.put_along_axis(dx, i, out_grads[0].reshape(i.shape), axis=axis)
        return [dx, xp.zeros(index_shape, index_dtype) if needs_grad[1] else None]


class Where(Op):
    arguments = ('condition', 'x', 'y')

    def infer_shape(self, in_shapes):
        if any(s is None for s in in_shapes):
            return in_shapes, [None]
        self._check(*(tuple(s) for s in in_shapes))
        return in_shapes, [tuple(in_shapes[1])]

    def _check(self, cond, a, b):
        if a != b or cond not in (a, a[:1]):
            raise InvalidArgumentError('%s: x and y must have one shape and condition that shape or its '
                             'first axis, got %s, %s, %s' % (self, cond, a, b))

    def forward(self, xp, inputs, record):
        cond, a, b = inputs
        self._check(tuple(cond.shape), tuple(a.shape), tuple(b.shape))
        mask = (cond != 0).reshape(cond.shape + (1,) * (a.ndim - cond.ndim))
        return [xp.where(mask, a, b)], ((mask, cond.shape, cond.dtype) if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        mask, cond_shape, cond_dtype = saved
        dy = out_grads[0]
        return [xp.zeros(cond_shape, cond_dtype) if needs_grad[0] else None,
                dy * mask if needs_grad[1] else None, dy * ~mask if needs_grad[2] else None]


class OneHot(Op):
    arguments = ('indices',)
    attrs = (Attr('depth', 'int', doc='the number of classes', minimum=1),
             Attr('on_value', 'float', 1.0, 'the value at the index'),
             Attr('off_value', 'float', 0.0, 'the value elsewhere'),
             Attr('dtype', 'dtype', 'float32', "the result's dtype"))

    def infer_type(self, in_types):
        return list(in_types), [self.dtype]

    def infer_shape(self, in_shapes):
        data = in_shapes[0]
        return in_shapes, [None if data is None else tuple(data) + (self.depth,)]

    def forward(self, xp, inputs, record):
        index = inputs[0].astype(xp.int64)
        y = xp.full(index.shape + (self.depth,), self.off_value, dtype=self.dtype)
        inside = (index >= 0) & (index < self.depth)       # out of range: a row of off_value
        xp.put_along_axis(y, xp.where(inside, index, 0)[..., None],
                          xp.where(inside, self.on_value, self.off_value)[..., None].astype(
                              self.dtype), axis=-1)
        return [y], ([(index.shape, inputs[0].dtype)] if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        return self.zero_grads(xp, saved)
