"""Dropout: in training, each element is kept with probability 1 - p and scaled up to keep the
mean; in prediction it is the identity.

    training:    mask = [u >= p] / (1 - p),  u ~ U(0, 1) per element (or per position of the
                 axes not in `axes`, shared along those in it)
                 y = x mask        dx = dy mask
    prediction:  y = x             dx = dy
Training means autograd.is_training() (set by record() and by Executor.forward(is_train=True));
mode='always' drops in prediction too. The mask is drawn from tinynet's generator (mx.random.seed).
"""
from ..base import InvalidArgumentError
from .. import rng
from ..backend import to_device
from ..engine import is_training
from .attrs import Attr
from .base import Op


class Dropout(Op):

    attrs = (Attr('p', 'float', 0.5, 'the probability of dropping an element'),
             Attr('mode', 'choice', 'training', "'always' drops in prediction too",
                  choices=('training', 'always')),
             Attr('axes', 'ints', (), 'axes along which one mask value is shared'),
             Attr('cudnn_off', 'bool', False, '', ignored='turns cuDNN off'))
    infer_shape = Op.same_shape

    def check(self):
        if not 0 <= self.p < 1:
            raise InvalidArgumentError("%s: argument 'p' must be in [0, 1), got %r" % (self, self.p))

    def forward(self, xp, inputs, record):
        x = inputs[0]
        if self.p == 0 or (self.mode == 'training' and not is_training()):
            return [x], None                                      # y = x
        shape = tuple(1 if i in [a % x.ndim for a in self.axes] else n
                      for i, n in enumerate(x.shape))
        keep = rng.generator().uniform(0, 1, shape) >= self.p
        mask = to_device(keep.astype(x.dtype) / x.dtype.type(1 - self.p), xp)
        return [x * mask], (mask if record else None)             # y = x mask

    def backward(self, xp, saved, out_grads, needs_grad):
        mask = saved
        return [out_grads[0] if mask is None else out_grads[0] * mask]
