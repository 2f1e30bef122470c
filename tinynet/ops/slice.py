"""slice, slice_axis: a box of an array, MXNet's mx.nd.slice and mx.nd.slice_axis.

    slice(data, begin, end, step)    y = x[b0:e0:s0, b1:e1:s1, ...] over the first len(begin)
                                     axes (None in begin/end: the whole axis that way; step
                                     default 1, may be negative)
    slice_axis(data, axis, begin, end)   y = x[..., begin:end, ...] along `axis` (end None: to
                                     the end; negative values count from the end)
    dx = zeros of x's shape with dy written into the same box.
"""
import ast

from ..base import InvalidArgumentError
from .attrs import Attr
from .base import Op


def _positions(layer, name, value):
    """A tuple of ints and Nones, from Python or from JSON's string form '(1, None)'."""
    original = value
    if isinstance(value, str):
        try:
            value = ast.literal_eval(value.strip() or '()')
        except (ValueError, SyntaxError):
            value = None
    if isinstance(value, (int, type(None))) and not isinstance(value, bool):
        value = (value,)
    if not isinstance(value, (tuple, list)) or not all(
            v is None or (isinstance(v, int) and not isinstance(v, bool)) for v in value):
        raise InvalidArgumentError('%s: argument %r must be a tuple of ints or None, got %r'
                                   % (layer, name, original))
    return tuple(value)


class _Box(Op):
    may_return_view = True

    def infer_shape(self, in_shapes):
        data = in_shapes[0]
        if data is None:
            return in_shapes, [None]
        shape = tuple(len(range(*s.indices(n))) for s, n in zip(self._slices(data), data))
        return in_shapes, [shape + tuple(data[len(shape):])]

    def forward(self, xp, inputs, record):
        x = inputs[0]
        slices = self._slices(x.shape)
        return [x[slices]], ((x.shape, x.dtype, slices) if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        shape, dtype, slices = saved
        dx = xp.zeros(shape, dtype)
        dx[slices] = out_grads[0]                   # dy back into its box
        return [dx]


class Slice(_Box):
    attrs = (Attr('begin', 'any', doc='the first index on each sliced axis (None: the start)'),
             Attr('end', 'any', doc='the index after the last on each sliced axis (None: the end)'),
             Attr('step', 'any', (), 'the step on each sliced axis (default 1)'))

    def check(self):
        self.begin = _positions(self, 'begin', self.begin)
        self.end = _positions(self, 'end', self.end)
        self.step = _positions(self, 'step', self.step)
        if len(self.end) != len(self.begin) or (self.step and len(self.step) != len(self.begin)):
            raise InvalidArgumentError('%s: begin %s, end %s and step %s must have one entry per '
                                       'sliced axis' % (self, self.begin, self.end, self.step))
        if any(s == 0 for s in self.step):
            raise InvalidArgumentError('%s: a step of 0 is not allowed (step %s)'
                                       % (self, self.step))

    def _slices(self, shape):
        if len(self.begin) > len(shape):
            raise InvalidArgumentError('%s: begin %s slices %d axes, but data has shape %s'
                                       % (self, self.begin, len(self.begin), tuple(shape)))
        steps = self.step or (None,) * len(self.begin)
        return tuple(slice(b, e, s) for b, e, s in zip(self.begin, self.end, steps))


class SliceAxis(_Box):
    json_always = ('end',)        # MXNet's JSON reader requires end, None included
    attrs = (Attr('axis', 'int', doc='the axis sliced'),
             Attr('begin', 'int', doc='the first index'),
             Attr('end', 'any', None, 'the index after the last (None: the end)'))

    def check(self):
        if self.end is not None and not isinstance(self.end, int):
            self.end = _positions(self, 'end', self.end)[0]

    def _slices(self, shape):
        if not -len(shape) <= self.axis < len(shape):
            raise InvalidArgumentError('%s: axis %d is not an axis of data of shape %s'
                                       % (self, self.axis, tuple(shape)))
        axis = self.axis % len(shape)
        return (slice(None),) * axis + (slice(self.begin, self.end),)


class SplitPart(_Box):
    """Part `index` of `parts` equal parts of data along `axis`: what split
    (SliceChannel) is made of, one node per part, since the part's size is known only with the
    data's shape. Backward: the gradient into its part, zeros elsewhere (as every box)."""
    attrs = (Attr('parts', 'int', doc='how many equal parts (split\'s num_outputs)', minimum=1),
             Attr('axis', 'int', 1, 'the axis cut'),
             Attr('index', 'int', 0, 'which part', minimum=0))

    def check(self):
        if self.index >= self.parts:
            raise InvalidArgumentError('%s: part %d of %d' % (self, self.index, self.parts))

    def _slices(self, shape):
        if not -len(shape) <= self.axis < len(shape):
            raise InvalidArgumentError('%s: axis %d is not an axis of data of shape %s'
                                       % (self, self.axis, tuple(shape)))
        axis = self.axis % len(shape)
        if shape[axis] % self.parts:
            raise InvalidArgumentError('split: axis %d of data of shape %s (%d) does not divide '
                                       'into num_outputs=%d equal parts'
                                       % (self.axis, tuple(shape), shape[axis], self.parts))
        size = shape[axis] // self.parts
        return (slice(None),) * axis + (slice(self.index * size, (self.index + 1) * size),)
