"""Ops that move, copy or pick values without arithmetic, and a few small elementwise ones.

    squeeze(axis)         y = x without the size-1 axes (those named); dx = dy reshaped back
                          (as MXNet 1.x, never 0-D: all axes gone gives shape (1,))
    flip / reverse(axis)  y = x reversed along `axis`;  dx = dy reversed back
    repeat(repeats, axis) y = each element `repeats` times along axis (None: x flattened first);
                          dx = dy summed over each element's copies
    broadcast_to(shape)   y = x broadcast to `shape` (0 keeps x's size);  dx = dy summed over the
    broadcast_axis(axis, size)   axes x had as 1 (broadcast_like(lhs, rhs): to rhs's shape)
    reshape_like(lhs, rhs)       y = lhs with rhs's shape;  dx = dy with lhs's shape
    BlockGrad / stop_gradient    y = x;  dx = 0 (nothing flows back through it)
    Cast / cast(dtype)    y = x as dtype;  dx = dy as x's dtype
    take(a, indices, axis=0, mode='clip')   y = a's slices at `indices` along axis (clip: indices
                          clipped into range; wrap: taken modulo the size);  da = dy added back
                          to the slices it came from
    sort / argsort / topk(axis=-1, ...)     values in order, their indices (as floats, MXNet's
                          default dtype), or the k largest (is_ascend=False); values send dy back
                          to the places they came from, indices send nothing
    smooth_l1(scalar=s)   y = (s x)^2 / 2 where |x| < 1/s^2, else |x| - 1/(2 s^2);
                          dx = dy s^2 x inside, dy sign(x) outside
    hard_sigmoid(alpha=0.2, beta=0.5)   y = clip(alpha x + beta, 0, 1);  dx = dy alpha inside
    logical_not           y = (x == 0);  dx = 0
    zeros_like / ones_like   y = 0 (or 1) in x's shape and dtype;  dx = 0
"""
import numpy as np

from ..base import InvalidArgumentError
from .attrs import Attr
from .base import Op
from .reduce import normalize_axes


def _sum_to(xp, dy, shape):
    """dy summed down to `shape` (the axes broadcasting made larger)."""
    lead = dy.ndim - len(shape)
    axes = tuple(range(lead)) + tuple(lead + i for i, n in enumerate(shape)
                                      if n == 1 and dy.shape[lead + i] != 1)
    return dy.sum(axis=axes, keepdims=True).reshape(shape) if axes else dy.reshape(shape)


class Squeeze(Op):
    may_return_view = True
    attrs = (Attr('axis', 'ints', None, 'the size-1 axes removed; None: all of them'),)

    def _shape(self, shape):
        axes = range(len(shape)) if self.axis is None else normalize_axes(self, self.axis,
                                                                          len(shape))
        if self.axis is not None and any(shape[a] != 1 for a in axes):
            raise InvalidArgumentError('%s: axis %s of data of shape %s is not of size 1'
                                       % (self, self.axis, tuple(shape)))
        kept = tuple(n for a, n in enumerate(shape) if not (a in axes and n == 1))
        return kept or (1,)

    def infer_shape(self, in_shapes):
        data = in_shapes[0]
        return in_shapes, [None if data is None else self._shape(tuple(data))]

    def forward(self, xp, inputs, record):
        x = inputs[0]
        return [x.reshape(self._shape(x.shape))], (x.shape if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        return [out_grads[0].reshape(saved)]


class Flip(Op):
    may_return_view = True
    attrs = (Attr('axis', 'ints', doc='the axis (or axes) reversed'),)
    infer_shape = Op.same_shape

    def forward(self, xp, inputs, record):
        x = inputs[0]
        return [xp.flip(x, axis=normalize_axes(self, self.axis, x.ndim))], None

    def backward(self, xp, saved, out_grads, needs_grad):
        dy = out_grads[0]
        return [xp.flip(dy, axis=normalize_axes(self, self.axis, dy.ndim))]


class Repeat(Op):
    attrs = (Attr('repeats', 'int', doc='how many copies of each element', minimum=0),
             Attr('axis', 'int', None, 'the axis; None: the flattened array'))

    def infer_shape(self, in_shapes):
        data = in_shapes[0]
        if data is None:
            return in_shapes, [None]
        if self.axis is None:
            return in_shapes, [(int(np.prod(data)) * self.repeats,)]
        axis = normalize_axes(self, self.axis, len(data))[0]
        return in_shapes, [tuple(n * self.repeats if a == axis else n
                                 for a, n in enumerate(data))]

    def forward(self, xp, inputs, record):
        x = inputs[0]
        return [xp.repeat(x, self.repeats, axis=self.axis)], (x.shape if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        dy, shape = out_grads[0], saved
        if self.axis is None:
            return [dy.reshape(-1, self.repeats).sum(axis=1).reshape(shape)]
        axis = normalize_axes(self, self.axis, len(shape))[0]
        split = shape[:axis + 1] + (self.repeats,) + shape[axis + 1:]
        return [dy.reshape(split).sum(axis=axis + 1)]


class BroadcastTo(Op):
    attrs = (Attr('shape', 'ints', doc='the shape to broadcast to (0: keep the size)'),)

    def _target(self, shape):
        target = tuple(shape[i] if n == 0 else n for i, n in enumerate(self.shape)) \
            if len(self.shape) == len(shape) else tuple(self.shape)
        if len(target) != len(shape) or any(s != t and s != 1 for s, t in zip(shape, target)):
            raise InvalidArgumentError('%s: data of shape %s does not broadcast to %s'
                                       % (self, tuple(shape), tuple(self.shape)))
        return target

    def infer_shape(self, in_shapes):
        data = in_shapes[0]
        return in_shapes, [None if data is None else self._target(tuple(data))]

    def forward(self, xp, inputs, record):
        x = inputs[0]
        return [xp.broadcast_to(x, self._target(x.shape)).copy()], (x.shape if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        return [_sum_to(xp, out_grads[0], saved)]


class BroadcastAxis(BroadcastTo):
    attrs = (Attr('axis', 'ints', doc='the size-1 axes to widen'),
             Attr('size', 'ints', doc='their new sizes'))

    def _target(self, shape):
        axes = normalize_axes(self, self.axis, len(shape))
        sizes = tuple(self.size)
        if len(sizes) != len(axes) or any(shape[a] != 1 for a in axes):
            raise InvalidArgumentError('%s: axes %s (each of size 1 in data of shape %s) and sizes '
                                       '%s must pair up' % (self, self.axis, tuple(shape), sizes))
        target = list(shape)
        for a, n in zip(axes, sizes):
            target[a] = n
        return tuple(target)


class BroadcastLike(Op):
    arguments = ('lhs', 'rhs')

    def infer_shape(self, in_shapes):
        lhs, rhs = in_shapes
        if lhs is not None and rhs is not None and (len(lhs) != len(rhs) or any(
                a != b and a != 1 for a, b in zip(lhs, rhs))):
            raise InvalidArgumentError('%s: lhs of shape %s does not broadcast like rhs of shape '
                                       '%s' % (self, tuple(lhs), tuple(rhs)))
        return in_shapes, [rhs]

    def forward(self, xp, inputs, record):
        lhs, rhs = inputs
        self.infer_shape([lhs.shape, rhs.shape])
        return [xp.broadcast_to(lhs, rhs.shape).copy()], \
            ((lhs.shape, rhs.shape, rhs.dtype) if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        lhs, rhs, dtype = saved
        return [_sum_to(xp, out_grads[0], lhs), xp.zeros(rhs, dtype)]


class ReshapeLike(Op):
    may_return_view = True
    arguments = ('lhs', 'rhs')

    def infer_shape(self, in_shapes):
        lhs, rhs = in_shapes
        if lhs is not None and rhs is not None and np.prod(lhs) != np.prod(rhs):
            raise InvalidArgumentError('%s: lhs of shape %s has %d values, rhs of shape %s has %d'
                                       % (self, tuple(lhs), np.prod(lhs), tuple(rhs),
                                          np.prod(rhs)))
        return in_shapes, [rhs]

    def forward(self, xp, inputs, record):
        lhs, rhs = inputs
        self.infer_shape([lhs.shape, rhs.shape])
        return [lhs.reshape(rhs.shape)], ((lhs.shape, rhs.shape, rhs.dtype) if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        lhs, rhs, dtype = saved
        return [out_grads[0].reshape(lhs), xp.zeros(rhs, dtype)]


class BlockGrad(Op):
    infer_shape = Op.same_shape

    def forward(self, xp, inputs, record):
        return [inputs[0].copy()], None

    def backward(self, xp, saved, out_grads, needs_grad):
        return [xp.zeros_like(out_grads[0])]


class Cast(Op):
    attrs = (Attr('dtype', 'dtype', doc='the dtype of the result'),)
    infer_shape = Op.same_shape

    def infer_type(self, in_types):
        return list(in_types), [self.dtype]

    def forward(self, xp, inputs, record):
        x = inputs[0]
        return [x.astype(self.dtype)], (x.dtype if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        return [out_grads[0].astype(saved)]


class Take(Op):
    arguments = ('a', 'indices')
    index_arguments = ('indices',)
    attrs = (Attr('axis', 'int', 0, 'the axis taken from'),
             Attr('mode', 'choice', 'clip', "'clip' or 'wrap' for indices out of range",
                  choices=('clip', 'wrap')))

    def infer_shape(self, in_shapes):
        a, indices = in_shapes
        if a is None or indices is None:
            return in_shapes, [None]
        axis = self.axis % len(a)
        return in_shapes, [tuple(a[:axis]) + tuple(indices) + tuple(a[axis + 1:])]

    def _index(self, xp, indices, n):
        index = indices.astype(np.int64)
        return xp.clip(index, 0, n - 1) if self.mode == 'clip' else index % n

    def forward(self, xp, inputs, record):
        a, indices = inputs
        axis = self.axis % a.ndim
        index = self._index(xp, indices, a.shape[axis])
        return [xp.take(a, index, axis=axis)], ((a.shape, a.dtype, index, indices) if record
                                                else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        shape, dtype, index, indices = saved
        axis = self.axis % len(shape)
        da = xp.zeros(shape, dtype)
        moved = xp.moveaxis(da, axis, 0)                       # a view: writes reach da
        dy = out_grads[0].reshape(shape[:axis] + (index.size,) + shape[axis + 1:])
        xp.add.at(moved, index.reshape(-1), xp.moveaxis(dy, axis, 0))
        return [da, xp.zeros_like(indices)]


class Embedding(Op):
    """Embedding: row data[i] of the table `weight` for each index in data (a lookup).

    Shapes: data any shape (indices as numbers), weight (input_dim, output_dim),
    y = data.shape + (output_dim,).
        forward:   y[i] = W[clip(data[i], 0, input_dim - 1)]    (MXNet clips indices out of range)
        backward:  dW[k] = sum of dy[i] over the i with data[i] == k   (a scatter-add)
                   d data = 0                                  (indices are not differentiable)
    """
    arguments = ('data', 'weight')
    attrs = (Attr('input_dim', 'int', doc='the number of rows of the table (the vocabulary)',
                  minimum=1),
             Attr('output_dim', 'int', doc='the length of each row (the embedding)', minimum=1),
             Attr('dtype', 'dtype', 'float32', "the table's dtype"),
             Attr('sparse_grad', 'bool', False, '',
                  ignored='asks for a row_sparse gradient; tinynet computes the same values '
                          'dense'))

    def infer_type(self, in_types):
        """The table has `dtype` (unless given another); the result the table's; the indices
        their own."""
        weight = in_types[1] if len(in_types) > 1 and in_types[1] is not None else self.dtype
        return [in_types[0], weight][:len(in_types)], [weight]

    def infer_shape(self, in_shapes):
        data = in_shapes[0]
        weight = (self.input_dim, self.output_dim)
        if len(in_shapes) > 1:
            self.check_shape('weight', in_shapes[1], weight, data)
        return [data, weight], [None if data is None else tuple(data) + (self.output_dim,)]

    def forward(self, xp, inputs, record):
        data, weight = inputs
        index = xp.clip(data.astype(np.int64), 0, self.input_dim - 1)
        return [weight[index]], ((index, data.shape, data.dtype, weight.shape, weight.dtype)
                                 if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        index, data_shape, data_dtype, weight_shape, weight_dtype = saved
        dweight = xp.zeros(weight_shape, weight_dtype)
        xp.add.at(dweight, index.reshape(-1), out_grads[0].reshape(-1, weight_shape[1]))
        return [xp.zeros(data_shape, data_dtype), dweight]


class Sort(Op):
    """sort: the values in order along axis; argsort: their indices; topk: the k largest (or
    smallest, is_ascend=True) as indices, values, both or a 0/1 mask (ret_typ)."""
    attrs = (Attr('axis', 'int', -1, 'the axis sorted'),
             Attr('is_ascend', 'bool', True, 'smallest first'),
             Attr('kind', 'choice', 'sort', "which op: implied by the name",
                  choices=('sort', 'argsort', 'topk')),
             Attr('k', 'int', 1, 'topk: how many', minimum=0),
             Attr('ret_typ', 'choice', 'indices', "topk: 'indices', 'value', 'both' or 'mask'",
                  choices=('indices', 'value', 'both', 'mask')),
             Attr('dtype', 'dtype', 'float32', 'the dtype of the indices'))

    def _k(self, n):
        return n if self.kind != 'topk' or self.k == 0 or self.k > n else self.k

    def outputs(self):
        return 2 if self.kind == 'topk' and self.ret_typ == 'both' else 1

    def infer_shape(self, in_shapes):
        data = in_shapes[0]
        if data is None:
            return in_shapes, [None] * self.outputs()
        axis = self.axis % len(data)
        out = tuple(self._k(n) if a == axis and self.ret_typ != 'mask' else n
                    for a, n in enumerate(data))
        return in_shapes, [out] * self.outputs()

    def forward(self, xp, inputs, record):
        x = inputs[0]
        axis = self.axis % x.ndim
        order = xp.argsort(x if self.is_ascend else -x, axis=axis, kind='stable')
        order = xp.take(order, xp.arange(self._k(x.shape[axis])), axis=axis)
        values = xp.take_along_axis(x, order, axis=axis)
        indices = order.astype(self.dtype)
        if self.kind == 'sort' or (self.kind == 'topk' and self.ret_typ == 'value'):
            out = [values]
        elif self.kind == 'argsort' or self.ret_typ == 'indices':
            out = [indices]
        elif self.ret_typ == 'both':
            out = [values, indices]
        else:                                                   # mask
            mask = xp.zeros_like(x)
            xp.put_along_axis(mask, order, 1, axis=axis)
            out = [mask]
        return out, ((x.shape, x.dtype, order, axis) if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        shape, dtype, order, axis = saved
        dx = xp.zeros(shape, dtype)
        if self.kind == 'sort' or (self.kind == 'topk' and self.ret_typ in ('value', 'both')):
            xp.put_along_axis(dx, order, out_grads[0], axis=axis)   # each value's dy goes home
        return [dx]


class Elementwise(Op):
    """smooth_l1, hard_sigmoid, logical_not, zeros_like and ones_like (the module's docstring)."""
    attrs = (Attr('function', 'choice', doc="implied by the op's name",
                  choices=('smooth_l1', 'hard_sigmoid', 'logical_not', 'zeros_like',
                           'ones_like')),
             Attr('scalar', 'float', 1.0, "smooth_l1: sigma"),
             Attr('alpha', 'float', 0.2, 'hard_sigmoid: the slope'),
             Attr('beta', 'float', 0.5, 'hard_sigmoid: the value at 0'))
    infer_shape = Op.same_shape

    def forward(self, xp, inputs, record):
        x, f = inputs[0], self.function
        if f == 'smooth_l1':
            s2 = self.scalar ** 2
            y = xp.where(xp.abs(x) < 1 / s2, 0.5 * s2 * x * x, xp.abs(x) - 0.5 / s2)
        elif f == 'hard_sigmoid':
            y = xp.clip(self.alpha * x + self.beta, 0, 1)
        elif f == 'logical_not':
            y = (x == 0).astype(x.dtype)
        else:
            y = xp.zeros_like(x) if f == 'zeros_like' else xp.ones_like(x)
        return [y.astype(x.dtype, copy=False)], (x if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        x, dy, f = saved, out_grads[0], self.function
        if f == 'smooth_l1':
            s2 = self.scalar ** 2
            return [dy * xp.where(xp.abs(x) < 1 / s2, s2 * x, xp.sign(x))]
        if f == 'hard_sigmoid':
            inside = (self.alpha * x + self.beta > 0) & (self.alpha * x + self.beta < 1)
            return [dy * self.alpha * inside]
        return [xp.zeros_like(x)]


class TopK(Sort):
    """topk: Sort's op with MXNet's topk default, the largest first (is_ascend=False)."""
    attrs = tuple(Attr('is_ascend', 'bool', False, 'smallest first') if a.name == 'is_ascend'
                  else a for a in Sort.attrs)
