"""tile: the array repeated `reps` times along each axis, MXNet's mx.nd.tile.

    y = [x x ...; x x ...]       y has shape x.shape * reps (reps padded with 1s on the left, or
                                 x's shape with 1s, as NumPy's tile)
    dx = the sum of dy over the copies: dy seen as (r0, d0, r1, d1, ...) summed over the r axes
"""
from .attrs import Attr
from .base import Op


def _lined_up(shape, reps):
    """shape and reps of one length (1s in front of the shorter)."""
    n = max(len(shape), len(reps))
    return (1,) * (n - len(shape)) + tuple(shape), (1,) * (n - len(reps)) + tuple(reps)


class Tile(Op):
    attrs = (Attr('reps', 'ints', doc='how many copies along each axis'),)

    def infer_shape(self, in_shapes):
        if in_shapes[0] is None:
            return in_shapes, [None]
        shape, reps = _lined_up(in_shapes[0], self.reps)
        return in_shapes, [tuple(s * r for s, r in zip(shape, reps))]

    def forward(self, xp, inputs, record):
        x = inputs[0]
        return [xp.tile(x, self.reps)], (x.shape if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        shape, reps = _lined_up(saved, self.reps)
        split = [n for pair in zip(reps, shape) for n in pair]            # (r0, d0, r1, d1, ...)
        dx = out_grads[0].reshape(split).sum(axis=tuple(range(0, len(split), 2)))
        return [dx.reshape(saved)]
