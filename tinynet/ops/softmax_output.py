"""SoftmaxOutput: softmax forward, cross-entropy gradient backward (MXNet's loss head).

    forward:   p[i, k] = exp(x[i, k] - m_i) / sum_j exp(x[i, j] - m_i),   m_i = max_j x[i, j]
    backward:  dx[i] = (p[i] - onehot(label[i])) * grad_scale / norm

which is the gradient of the loss  L = -grad_scale / norm * sum_i log p[i, label[i]]  (see `loss`).
The head gradient is ignored, exactly as in MXNet: this op is the end of the graph. `norm` is 1 for
normalization='null' (the optimizer's rescale_grad = 1/batch_size then averages over the batch),
the batch size for 'batch', and the number of labels not ignored for 'valid'. With use_ignore, rows
whose label equals ignore_label get no gradient.

Shapes: x (N, C) -> p (N, C), label (N,). For x (N, C, d1, ...) the rows are flattened to (N, C*d1*...)
as MXNet does, unless multi_output=True (softmax over axis 1, label (N, d1, ...)) or
preserve_shape=True (softmax over the last axis, label x.shape[:-1]).
"""
import collections

from ..base import InvalidArgumentError
from . import fast
from .attrs import Attr
from .base import Op

# What backward needs: the probabilities as rows, each row's class index (and whether it counts),
# the input's shape and the label's shape and dtype (the label gets a zero gradient of its shape).
SoftmaxSaved = collections.namedtuple('SoftmaxSaved', ['p', 'index', 'valid', 'x_shape',
                                                       'label_shape', 'label_dtype'])


class SoftmaxOutput(Op):
    """Softmax forward, (p - onehot(label)) * grad_scale / norm backward: the loss head of the module
    docstring."""
    arguments = ('data', 'label')

    attrs = (Attr('grad_scale', 'float', 1.0, 'multiplies the gradient'),
             Attr('ignore_label', 'float', -1.0, 'the label whose rows get no gradient (with '
                  'use_ignore)'),
             Attr('multi_output', 'bool', False, 'softmax over axis 1, one label per position'),
             Attr('use_ignore', 'bool', False, 'skip rows labelled ignore_label'),
             Attr('preserve_shape', 'bool', False, 'softmax over the last axis'),
             Attr('normalization', 'choice', 'null', "divide the gradient by 1, the batch size or "
                  "the number of labels not ignored", choices=('null', 'batch', 'valid')),
             Attr('out_grad', 'bool', False, 'multiply by the head gradient'),
             Attr('smooth_alpha', 'float', 0.0, 'label smoothing; only 0 is supported'))

    def check(self):
        if self.smooth_alpha != 0:
            raise InvalidArgumentError("%s: argument 'smooth_alpha' (label smoothing) is not supported" % self)

    def _label_shape(self, data):
        if self.preserve_shape:
            return tuple(data[:-1])
        if self.multi_output:
            return (data[0],) + tuple(data[2:])
        return (data[0],)

    def infer_shape(self, in_shapes):
        """The label's shape from the data's (see the module docstring); a label of another shape is
        refused."""
        data = in_shapes[0]
        if data is None:
            return in_shapes, [None]
        if len(data) < 2:
            raise InvalidArgumentError("%s: argument 'data' must be at least 2-D (N, C), got shape %s"
                             % (self, tuple(data)))
        label = self._label_shape(data)
        given = in_shapes[1]
        if given is not None and tuple(given) != label and not (
                len(given) == 2 and given[1] == 1 and given[0] == label[0] and len(label) == 1):
            raise InvalidArgumentError('%s: argument \'label\' has shape %s, but the layer needs %s for data '
                             'of shape %s' % (self, tuple(given), label, tuple(data)))
        return [data, label if given is None else given], [data]

    def _rows(self, xp, x):
        """x as a 2-D (rows, classes) array, the classes axis last."""
        if self.preserve_shape:
            return x.reshape(-1, x.shape[-1])
        if self.multi_output:
            return xp.moveaxis(x, 1, -1).reshape(-1, x.shape[1])
        return x.reshape(x.shape[0], -1)

    def _from_rows(self, xp, rows, shape):
        if self.multi_output and not self.preserve_shape:
            moved = (shape[0],) + tuple(shape[2:]) + (shape[1],)
            return xp.ascontiguousarray(xp.moveaxis(rows.reshape(moved), -1, 1))
        return rows.reshape(shape)

    def forward(self, xp, inputs, record):
        x = inputs[0]
        rows = self._rows(xp, x)
        p = rows - fast.row_max(xp, rows)[:, None]     # x - m: exp can then never overflow
        xp.exp(p, out=p)
        p /= p.sum(axis=1, keepdims=True)              # p = exp(x - m) / sum_j exp(x_j - m)
        saved = None
        if record:
            label = inputs[1]
            index, valid = self._labels(xp, label, rows.shape)
            saved = SoftmaxSaved(p, index, valid, x.shape, label.shape, label.dtype)
        return [self._from_rows(xp, p, x.shape)], saved

    def _labels(self, xp, label, rows_shape):
        """Labels as integer class indices, one per row, checked against the number of classes."""
        label = label.reshape(-1)
        if label.shape[0] != rows_shape[0]:
            raise InvalidArgumentError("%s: argument 'label' has %d values for %d rows of data"
                             % (self, label.shape[0], rows_shape[0]))
        index = label.astype(xp.int64)
        if bool((index != label).any()):
            raise InvalidArgumentError("%s: argument 'label' holds values that are not whole class numbers: %s"
                             % (self, label[index != label][:5].tolist()))
        valid = index != int(self.ignore_label) if self.use_ignore else None
        bad = (index < 0) | (index >= rows_shape[1])
        if valid is not None:
            bad &= valid
        if bool(bad.any()):
            raise InvalidArgumentError('%s: argument \'label\' holds a class outside [0, %d): %s'
                             % (self, rows_shape[1], label[bad][:5].tolist()))
        return index, valid

    def _norm(self, xp, batch_size, valid, num_rows):
        if self.normalization == 'batch':
            return batch_size
        if self.normalization == 'valid':
            return xp.maximum(valid.sum(), 1) if valid is not None else num_rows
        return 1

    def backward(self, xp, saved, out_grads, needs_grad):
        """dx = (p - onehot(label)) * grad_scale / norm, ignoring the head gradient; the label gets
        zeros."""
        p, index, valid, x_shape = saved.p, saved.index, saved.valid, saved.x_shape
        grad = p.copy()
        grad[xp.arange(grad.shape[0]), index] -= 1               # p - onehot(label)
        if valid is not None:
            grad *= valid[:, None]                               # ignored rows get none
        scale = self.grad_scale / self._norm(xp, x_shape[0], valid, grad.shape[0])
        grad *= xp.asarray(scale, dtype=grad.dtype)              # * grad_scale / norm
        grad = self._from_rows(xp, grad, x_shape)
        if self.out_grad:
            grad *= out_grads[0]
        # The label is data, not a parameter: MXNet gives it a zero gradient.
        label_grad = xp.zeros(saved.label_shape, saved.label_dtype) if needs_grad[1] else None
        return [grad, label_grad]

    def loss(self, xp, inputs):
        """The scalar whose gradient backward returns: -grad_scale/norm * sum log p[label]."""
        saved = self.forward(xp, inputs, True)[1]
        log_p = xp.log(saved.p[xp.arange(saved.p.shape[0]), saved.index])
        if saved.valid is not None:
            log_p = log_p * saved.valid
        norm = self._norm(xp, saved.x_shape[0], saved.valid, saved.p.shape[0])
        return -log_p.sum() * self.grad_scale / norm
