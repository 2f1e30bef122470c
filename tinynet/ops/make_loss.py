"""make_loss / MakeLoss: mark an array as a loss to minimise. Forward is the identity; backward
ignores the gradient from above and sends grad_scale (times 1 / batch size for normalization
'batch', 1 / the number of values above valid_thresh for 'valid') to every element: the gradient
of sum(x). make_loss is MakeLoss with its defaults (grad_scale=1, normalization='null').
"""
from .attrs import Attr
from .base import Op


class MakeLoss(Op):
    attrs = (Attr('grad_scale', 'float', 1.0, 'the gradient sent to every element'),
             Attr('valid_thresh', 'float', 0.0, "for normalization 'valid': count the values "
                  'above it'),
             Attr('normalization', 'choice', 'null', "'null', 'batch' (divide by the batch "
                  "size) or 'valid' (by the count above valid_thresh)",
                  choices=('null', 'batch', 'valid')))
    infer_shape = Op.same_shape

    def forward(self, xp, inputs, record):
        x = inputs[0]
        return [x.copy()], (x if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        x = saved
        scale = self.grad_scale
        if self.normalization == 'batch':
            scale = scale / x.shape[0]
        elif self.normalization == 'valid':
            scale = scale / max(int((x > self.valid_thresh).sum()), 1)
        return [xp.full(x.shape, scale, x.dtype)]
