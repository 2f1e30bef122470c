"""pad: an array with a border added, MXNet's mx.nd.pad (also Pad).

pad_width gives (before, after) for every axis in turn: (0, 0, 0, 0, top, bottom, left, right)
for an (N, C, H, W) array. As MXNet 1.9.1, data is 4-D or 5-D and the first two axes are not
padded. The border is
    mode='constant'   constant_value everywhere
    mode='edge'       the nearest edge value repeated          [1 2 3] -> 1 1 [1 2 3] 3
    mode='reflect'    the values mirrored about the edge       [1 2 3] -> 3 2 [1 2 3] 2
                      (the pad must be smaller than the axis)
Along each axis the padded array is a fixed selection of x's values, y = M x with M one-hot rows
(a row of zeros for a constant border), so the gradient is dx = M^T dy: each dy entry goes back to
the x entry it copied, summed where several copied one.
"""
import numpy as np

from ..backend import to_device
from ..base import InvalidArgumentError
from .attrs import Attr
from .base import Op


class Pad(Op):
    attrs = (Attr('mode', 'str', 'constant', "'constant', 'edge' or 'reflect'",
                  choices=('constant', 'edge', 'reflect')),
             Attr('pad_width', 'ints', doc='(before, after) for every axis, the first two 0'),
             Attr('constant_value', 'float', 0.0, "the border's value in mode 'constant'"))

    def _pairs(self, shape):
        if len(shape) not in (4, 5):
            raise InvalidArgumentError("%s: data must be 4-D or 5-D (MXNet's pad), got shape %s"
                                       % (self, tuple(shape)))
        width = tuple(self.pad_width)
        if len(width) != 2 * len(shape) or any(w < 0 for w in width):
            raise InvalidArgumentError("%s: argument 'pad_width' must be %d numbers >= 0 "
                                       "(before and after for each axis of data of shape %s), "
                                       "got %s" % (self, 2 * len(shape), tuple(shape), width))
        if any(width[:4]):
            raise InvalidArgumentError("%s: argument 'pad_width' must not pad the first two axes "
                                       "(MXNet's pad), got %s" % (self, width))
        pairs = list(zip(width[::2], width[1::2]))
        if self.mode == 'reflect' and any(max(p) >= n for p, n in zip(pairs, shape)):
            raise InvalidArgumentError("%s: mode 'reflect' needs every pad smaller than its axis; "
                                       "pad_width %s, data of shape %s" % (self, width,
                                                                           tuple(shape)))
        return pairs

    def infer_shape(self, in_shapes):
        data = in_shapes[0]
        if data is None:
            return in_shapes, [None]
        pairs = self._pairs(data)
        return in_shapes, [tuple(n + a + b for n, (a, b) in zip(data, pairs))]

    def _sources(self, n, before, after):
        """Which x index each position of the padded axis copies (-1: the constant border)."""
        if self.mode == 'constant':
            return np.pad(np.arange(n), (before, after), constant_values=-1)
        return np.pad(np.arange(n), (before, after), mode=self.mode)

    def forward(self, xp, inputs, record):
        x = inputs[0]
        pairs = self._pairs(x.shape)
        if self.mode == 'constant':
            y = xp.pad(x, pairs, mode='constant', constant_values=self.constant_value)
        else:
            y = xp.pad(x, pairs, mode=self.mode)
        return [y], (x.shape if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        dx = out_grads[0]
        for axis, (n, (before, after)) in enumerate(zip(saved, self._pairs(saved))):
            if not before and not after:
                continue
            sources = self._sources(n, before, after)
            m = (sources[:, None] == np.arange(n)[None, :]).astype(dx.dtype)   # M, one-hot
            # dx = M^T dy along this axis
            dx = xp.moveaxis(xp.tensordot(xp.moveaxis(dx, axis, -1), to_device(m, xp), axes=1),
                             -1, axis)
        return [dx]
