"""Gluon losses: one number per sample (the mean over all axes but the batch axis). Each is a
HybridBlock: imperatively its mx.nd ops are differentiated by autograd like any other, and
hybridize() (or a hybridized block that calls it) traces the same formula into a Symbol.

    SoftmaxCrossEntropyLoss   -log softmax(pred)[label]   (sparse labels), or -sum(label log p)
    L2Loss                    (pred - label)^2 / 2
    L1Loss                    |pred - label|
    SigmoidBinaryCrossEntropyLoss   -(label log s + (1 - label) log(1 - s)), s = sigmoid(pred),
                              computed as max(pred, 0) - pred label + log(1 + e^-|pred|)
Each multiplies by `weight` (a number) and by `sample_weight` (an array broadcast to the loss).
"""
import numpy as np

from .. import ndarray as nd
from .block import HybridBlock


def _apply_weighting(loss, weight=None, sample_weight=None):
    if sample_weight is not None:
        loss = loss * sample_weight
    if weight is not None:
        loss = loss * weight
    return loss


def _batch_mean(F, loss, batch_axis):
    """The mean over every axis but the batch axis: one number per sample."""
    return F.mean(loss, axis=batch_axis, exclude=True)


def _reshape_like(label, pred):
    if label.shape != pred.shape:
        if label.size != pred.size:
            raise ValueError('loss: label of shape %s does not fit prediction of shape %s'
                             % (label.shape, pred.shape))
        label = label.reshape(pred.shape)
    return label


def _check_class_labels(loss, label, num_classes):
    """Sparse labels must be whole class numbers in [0, num_classes): pick would otherwise
    truncate 2.5 to 2 and clip 7 or -1 to a class, silently."""
    values = label.asnumpy() if isinstance(label, nd.NDArray) else np.asarray(label)
    bad = (values != np.floor(values)) | (values < 0) | (values >= num_classes)
    if bad.any():
        raise ValueError('%s: labels must be class numbers 0 to %d, got %s'
                         % (type(loss).__name__, num_classes - 1, values[bad][:5].tolist()))


class Loss(HybridBlock):
    """Base of the losses: Loss(weight=None, batch_axis=0). Called as loss(pred, label,
    sample_weight=None), it returns one number per sample (the mean over every axis but
    batch_axis), times `weight` and `sample_weight` when given."""
    def __init__(self, weight=None, batch_axis=0, **kwargs):
        super().__init__(**kwargs)
        self._weight, self._batch_axis = weight, batch_axis

    def __repr__(self):
        return '%s(batch_axis=%s, w=%s)' % (type(self).__name__, self._batch_axis, self._weight)

    def forward(self, pred, label, sample_weight=None):
        if isinstance(label, nd.NDArray):              # arrays (not symbols being traced)
            label = self._checked_label(pred, label)
        args = (pred, label) if sample_weight is None else (pred, label, sample_weight)
        return super().forward(*args)

    def _checked_label(self, pred, label):
        """The label as the formula needs it, checked against the prediction. Done here, on
        arrays, before the formula runs imperatively or as a traced graph: a symbol has no
        values or shape to check. Most losses want the prediction's shape."""
        return _reshape_like(label, pred)


class SoftmaxCrossEntropyLoss(Loss):
    """-log softmax(pred)[label] along `axis`. sparse_label=False takes label as probabilities;
    from_logits=True takes pred as log-probabilities already."""

    def __init__(self, axis=-1, sparse_label=True, from_logits=False, weight=None, batch_axis=0,
                 **kwargs):
        super().__init__(weight, batch_axis, **kwargs)
        self._axis, self._sparse_label, self._from_logits = axis, sparse_label, from_logits

    def hybrid_forward(self, F, pred, label, sample_weight=None):
        if not self._from_logits:
            pred = F.log_softmax(pred, axis=self._axis)
        if self._sparse_label:
            loss = -F.pick(pred, label, axis=self._axis, keepdims=True)
        else:
            loss = -F.sum(pred * label, axis=self._axis, keepdims=True)
        loss = _apply_weighting(loss, self._weight, sample_weight)
        return _batch_mean(F, loss, self._batch_axis)

    def _checked_label(self, pred, label):
        if not self._sparse_label:
            return _reshape_like(label, pred)
        _check_class_labels(self, label, pred.shape[self._axis])
        return label


SoftmaxCELoss = SoftmaxCrossEntropyLoss


class L2Loss(Loss):
    """L2Loss(weight=1.0, batch_axis=0): L = weight / 2 * (pred - label)^2, averaged over each
    sample's elements (MXNet's weight default 1.0 gives the 1/2). Its gradient with respect to pred
    is weight * (pred - label) / n."""
    def __init__(self, weight=1.0, batch_axis=0, **kwargs):
        super().__init__(weight, batch_axis, **kwargs)

    def hybrid_forward(self, F, pred, label, sample_weight=None):
        loss = F.square(label - pred)
        loss = _apply_weighting(loss, self._weight / 2, sample_weight)
        return _batch_mean(F, loss, self._batch_axis)


class L1Loss(Loss):
    """L1Loss(weight=None, batch_axis=0): L = |pred - label|, averaged over each sample's elements;
    its gradient is sign(pred - label) / n."""
    def __init__(self, weight=None, batch_axis=0, **kwargs):
        super().__init__(weight, batch_axis, **kwargs)

    def hybrid_forward(self, F, pred, label, sample_weight=None):
        loss = F.abs(label - pred)
        loss = _apply_weighting(loss, self._weight, sample_weight)
        return _batch_mean(F, loss, self._batch_axis)


class SigmoidBinaryCrossEntropyLoss(Loss):
    """SigmoidBinaryCrossEntropyLoss(from_sigmoid=False, weight=None, batch_axis=0): L = -(label log s
    + (1 - label) log(1 - s)) with s = sigmoid(pred), computed without overflow as max(pred, 0) -
    pred label + log(1 + e^-|pred|); from_sigmoid=True takes pred as s already. Labels are 0 or 1
    (or probabilities). Also called SigmoidBCELoss."""
    def __init__(self, from_sigmoid=False, weight=None, batch_axis=0, **kwargs):
        super().__init__(weight, batch_axis, **kwargs)
        self._from_sigmoid = from_sigmoid

    def hybrid_forward(self, F, pred, label, sample_weight=None):
        if not self._from_sigmoid:
            # max(x, 0) - x z + log(1 + e^-|x|): the same number, without overflow
            loss = F.relu(pred) - pred * label + F.Activation(-F.abs(pred), act_type='softrelu')
        else:
            eps = 1e-12
            loss = -(F.log(pred + eps) * label + F.log(1.0 - pred + eps) * (1.0 - label))
        loss = _apply_weighting(loss, self._weight, sample_weight)
        return _batch_mean(F, loss, self._batch_axis)


SigmoidBCELoss = SigmoidBinaryCrossEntropyLoss
