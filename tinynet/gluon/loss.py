"""Gluon losses: one number per sample (the mean over all axes but the batch axis). Each is a
HybridBlock: imperatively its mx.nd ops are differentiated by autograd like any other, and
hybridize() (or a hybridized block that calls it) traces the same formula into a Symbol.

    SoftmaxCrossEntropyLoss   -log softmax(pred)[label]   (sparse labels), or -sum(label log p)
    L2Loss                    (pred - label)^2 / 2
    L1Loss                    |pred - label|
    SigmoidBinaryCrossEntropyLoss   -(label log s + (1 - label) log(1 - s)), s = sigmoid(pred),
                              computed as max(pred, 0) - pred label + log(1 + e^-|pred|)
    KLDivLoss                 sum of label (log label - log p)   (summed, not averaged, as MXNet)
    HuberLoss                 |d| - rho/2 where |d| > rho, else d^2 / (2 rho)   (d = pred - label)
    HingeLoss                 max(0, margin - pred label)      (labels -1 or 1)
    SquaredHingeLoss          max(0, margin - pred label)^2
    LogisticLoss              log(1 + e^(-pred label))         (signed labels; or binary 0/1)
    TripletLoss               max(0, |pos - pred|^2 - |neg - pred|^2 + margin)
    PoissonNLLLoss            e^pred - target pred   (from_logits), or pred - target log pred
    CosineEmbeddingLoss       1 - cos(a, b) for label 1, max(0, cos(a, b) - margin) for label -1
Each multiplies by `weight` (a number) and by `sample_weight` (an array broadcast to the loss).
"""
import numpy as np

from .. import ndarray as nd
from .. import symbol as sym
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
    """`label` in `pred`'s shape (they must have as many elements), as MXNet's losses reshape
    it; for symbols (a loss applied to mx.sym outputs) the reshape_like op does it at bind."""
    if isinstance(label, sym.Symbol) or isinstance(pred, sym.Symbol):
        return sym.reshape_like(label, pred)
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
        if isinstance(label, (nd.NDArray, sym.Symbol)):
            label = self._checked_label(pred, label)
        args = (pred, label) if sample_weight is None else (pred, label, sample_weight)
        return super().forward(*args)

    def _checked_label(self, pred, label):
        """The label as the formula needs it, checked against the prediction. Done here, on
        arrays, before the formula runs imperatively or as a traced graph: a symbol has no
        values or shape to check (it is only reshaped, by the graph). Most losses want the
        prediction's shape."""
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
        if isinstance(label, sym.Symbol):
            return label
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
    (or probabilities). Called as loss(pred, label, sample_weight=None, pos_weight=None):
    pos_weight multiplies the positive term (label log s). Also called SigmoidBCELoss."""
    def __init__(self, from_sigmoid=False, weight=None, batch_axis=0, **kwargs):
        super().__init__(weight, batch_axis, **kwargs)
        self._from_sigmoid = from_sigmoid

    def forward(self, pred, label, sample_weight=None, pos_weight=None):
        """loss(pred, label, sample_weight=None, pos_weight=None): pos_weight (broadcast like
        label) weighs the positive term, label log s, as MXNet 1.9's does."""
        if pos_weight is None:
            return super().forward(pred, label, sample_weight)
        if sample_weight is None:        # weights of 1: the inputs are then always four
            sample_weight = (sym if isinstance(pred, sym.Symbol) else nd).ones_like(pred)
        if isinstance(label, (nd.NDArray, sym.Symbol)):
            label = self._checked_label(pred, label)
        return HybridBlock.forward(self, pred, label, sample_weight, pos_weight)

    def hybrid_forward(self, F, pred, label, sample_weight=None, pos_weight=None):
        if not self._from_sigmoid:
            if pos_weight is None:
                # max(x, 0) - x z + log(1 + e^-|x|): the same number, without overflow
                loss = F.relu(pred) - pred * label + F.Activation(-F.abs(pred),
                                                                  act_type='softrelu')
            else:
                # x - x z + (1 + (pos_weight - 1) z) (log(1 + e^-|x|) + max(-x, 0))
                log_weight = 1 + F.broadcast_mul(pos_weight - 1, label)
                loss = pred - pred * label + log_weight * (
                    F.Activation(-F.abs(pred), act_type='softrelu') + F.relu(-pred))
        else:
            eps = 1e-12
            positive = F.log(pred + eps) * label
            if pos_weight is not None:
                positive = F.broadcast_mul(positive, pos_weight)
            loss = -(positive + F.log(1.0 - pred + eps) * (1.0 - label))
        loss = _apply_weighting(loss, self._weight, sample_weight)
        return _batch_mean(F, loss, self._batch_axis)


SigmoidBCELoss = SigmoidBinaryCrossEntropyLoss


class KLDivLoss(Loss):
    """KLDivLoss(from_logits=True, axis=-1, weight=None, batch_axis=0): L = sum of label (log(label
    + 1e-12) - pred), pred being log-probabilities (from_logits=True, MXNet's default) or scores
    that log_softmax over `axis` turns into them. Summed over each sample's elements, as MXNet
    1.9.1 does (the other losses average)."""
    def __init__(self, from_logits=True, axis=-1, weight=None, batch_axis=0, **kwargs):
        super().__init__(weight, batch_axis, **kwargs)
        self._from_logits, self._axis = from_logits, axis

    def hybrid_forward(self, F, pred, label, sample_weight=None):
        if not self._from_logits:
            pred = F.log_softmax(pred, axis=self._axis)
        loss = label * (F.log(label + 1e-12) - pred)
        loss = _apply_weighting(loss, self._weight, sample_weight)
        return F.sum(loss, axis=self._batch_axis, exclude=True)


class HuberLoss(Loss):
    """HuberLoss(rho=1, weight=None, batch_axis=0): with d = |pred - label|, L = d - rho/2 where
    d > rho, else d^2 / (2 rho): quadratic near the label, linear far from it (its gradient is
    clipped to +-1). Averaged over each sample's elements."""
    def __init__(self, rho=1, weight=None, batch_axis=0, **kwargs):
        super().__init__(weight, batch_axis, **kwargs)
        self._rho = rho

    def hybrid_forward(self, F, pred, label, sample_weight=None):
        loss = F.abs(label - pred)
        loss = F.where(loss > self._rho, loss - 0.5 * self._rho,
                       (0.5 / self._rho) * F.square(loss))
        loss = _apply_weighting(loss, self._weight, sample_weight)
        return _batch_mean(F, loss, self._batch_axis)


class HingeLoss(Loss):
    """HingeLoss(margin=1, weight=None, batch_axis=0): L = max(0, margin - pred label), labels -1
    or 1 (an SVM's loss). Averaged over each sample's elements."""
    def __init__(self, margin=1, weight=None, batch_axis=0, **kwargs):
        super().__init__(weight, batch_axis, **kwargs)
        self._margin = margin

    def hybrid_forward(self, F, pred, label, sample_weight=None):
        loss = F.relu(self._margin - pred * label)
        loss = _apply_weighting(loss, self._weight, sample_weight)
        return _batch_mean(F, loss, self._batch_axis)


class SquaredHingeLoss(HingeLoss):
    """SquaredHingeLoss(margin=1, weight=None, batch_axis=0): L = max(0, margin - pred label)^2,
    labels -1 or 1. Averaged over each sample's elements."""

    def hybrid_forward(self, F, pred, label, sample_weight=None):
        loss = F.square(F.relu(self._margin - pred * label))
        loss = _apply_weighting(loss, self._weight, sample_weight)
        return _batch_mean(F, loss, self._batch_axis)


class LogisticLoss(Loss):
    """LogisticLoss(weight=None, batch_axis=0, label_format='signed'): L = log(1 + e^(-pred
    label)) for labels -1/1 ('signed'), or the binary cross-entropy of sigmoid(pred) for labels
    0/1 ('binary'); computed as max(pred, 0) - pred z + log(1 + e^-|pred|), z = (label + 1) / 2
    or label. Averaged over each sample's elements."""
    def __init__(self, weight=None, batch_axis=0, label_format='signed', **kwargs):
        super().__init__(weight, batch_axis, **kwargs)
        if label_format not in ('signed', 'binary'):
            raise ValueError("LogisticLoss: label_format must be 'signed' or 'binary', got %r"
                             % (label_format,))
        self._label_format = label_format

    def hybrid_forward(self, F, pred, label, sample_weight=None):
        if self._label_format == 'signed':
            label = (label + 1.0) / 2.0
        loss = F.relu(pred) - pred * label + F.Activation(-F.abs(pred), act_type='softrelu')
        loss = _apply_weighting(loss, self._weight, sample_weight)
        return _batch_mean(F, loss, self._batch_axis)


class TripletLoss(Loss):
    """TripletLoss(margin=1, weight=None, batch_axis=0), called as loss(pred, positive, negative):
    L = max(0, sum (positive - pred)^2 - sum (negative - pred)^2 + margin), the sums over each
    sample's elements."""
    def __init__(self, margin=1, weight=None, batch_axis=0, **kwargs):
        super().__init__(weight, batch_axis, **kwargs)
        self._margin = margin

    def forward(self, pred, positive, negative):
        if isinstance(positive, (nd.NDArray, sym.Symbol)):
            positive, negative = _reshape_like(positive, pred), _reshape_like(negative, pred)
        return HybridBlock.forward(self, pred, positive, negative)

    def hybrid_forward(self, F, pred, positive, negative):
        loss = F.sum(F.square(positive - pred) - F.square(negative - pred),
                     axis=self._batch_axis, exclude=True)
        return _apply_weighting(F.relu(loss + self._margin), self._weight)


class PoissonNLLLoss(Loss):
    """PoissonNLLLoss(weight=None, from_logits=True, batch_axis=0, compute_full=False): the
    negative log-likelihood of `target` under a Poisson distribution of mean e^pred
    (from_logits=True: L = e^pred - target pred) or of mean pred (L = pred - target log(pred +
    1e-8)); compute_full adds Stirling's term target log target - target + log(2 pi target) / 2
    where target > 1. As MXNet 1.9.1, one number: the mean over every element."""
    def __init__(self, weight=None, from_logits=True, batch_axis=0, compute_full=False, **kwargs):
        super().__init__(weight, batch_axis, **kwargs)
        self._from_logits, self._compute_full = from_logits, compute_full

    def hybrid_forward(self, F, pred, target, sample_weight=None):
        if self._from_logits:
            loss = F.exp(pred) - target * pred
        else:
            loss = pred - target * F.log(pred + 1e-08)
        if self._compute_full:
            # Stirling's term only where target > 1 (MXNet's t log t is NaN at t = 0, and the
            # mask times NaN stays NaN; max(t, 1) keeps the unused entries finite)
            t = F.maximum(target, 1)
            loss = loss + (t * F.log(t) - t + 0.5 * F.log(2 * np.pi * t)) * (target > 1)
        loss = _apply_weighting(loss, self._weight, sample_weight)
        return F.mean(loss)


class CosineEmbeddingLoss(Loss):
    """CosineEmbeddingLoss(weight=None, batch_axis=0, margin=0), called as loss(input1, input2,
    label): with c = cos(input1, input2) along the last axis (x.y / max(|x| |y|, 1e-12)), L = 1 - c
    where label is 1 and max(0, c - margin) where label is -1. One number per sample, shape
    (batch, 1), as MXNet's."""
    def __init__(self, weight=None, batch_axis=0, margin=0, **kwargs):
        super().__init__(weight, batch_axis, **kwargs)
        self._margin = margin

    def forward(self, input1, input2, label, sample_weight=None):
        if isinstance(input1, (nd.NDArray, sym.Symbol)):
            input1 = _reshape_like(input1, input2)
        args = (input1, input2, label) + (() if sample_weight is None else (sample_weight,))
        return HybridBlock.forward(self, *args)

    def hybrid_forward(self, F, input1, input2, label, sample_weight=None):
        label = label.reshape((-1, 1))
        norms = F.norm(input1, axis=-1).reshape((-1, 1)) * F.norm(input2, axis=-1).reshape((-1, 1))
        cos = F.sum(input1 * input2, axis=-1).reshape((-1, 1)) / F.maximum(norms, 1e-12)
        loss = (1 - cos) * (label == 1) + F.relu(cos - self._margin) * (label == -1)
        return _apply_weighting(loss, self._weight, sample_weight)


class SDMLLoss(Loss):
    """SDMLLoss(smoothing_parameter=0.3, weight=1, batch_axis=0), called as loss(x1, x2) with two
    (batch, dim) arrays whose rows pair up (x2[i] is x1[i]'s positive, the other rows its
    negatives): Smoothed Deep Metric Learning (Bonadiman et al., 2019), as MXNet's:
        d[i, j] = ||x1[i] - x2[j]||^2,   log p[i] = log_softmax(-d[i])
        label[i, j] = 1 - s where i == j, s / (batch - 1) elsewhere  (s: smoothing_parameter)
        L[i] = KLDivLoss(log p[i], label[i])                          one number per row
    It needs the batch size, so (as MXNet's, which reads x1.shape) it does not hybridize."""
    def __init__(self, smoothing_parameter=0.3, weight=1., batch_axis=0, **kwargs):
        super().__init__(weight, batch_axis, **kwargs)
        self.kl_loss = KLDivLoss(from_logits=True)
        self.smoothing_parameter = smoothing_parameter

    def hybrid_forward(self, F, x1, x2):
        if isinstance(x1, sym.Symbol):
            raise NotImplementedError('%s: SDMLLoss needs the batch size of x1, so it does not '
                                      'hybridize (as in MXNet); call it unhybridized' % self.name)
        if x1.ndim != 2 or x1.shape != x2.shape:
            raise ValueError('%s: x1 and x2 must be two (batch, dim) arrays of one shape, got %s '
                             'and %s' % (self.name, x1.shape, x2.shape))
        batch = x1.shape[0]
        distances = F.sum(F.square(F.broadcast_sub(F.expand_dims(x1, axis=1),
                                                   F.expand_dims(x2, axis=0))), axis=2)
        gold = F.eye(batch, ctx=x1.context, dtype=x1.dtype)
        s = self.smoothing_parameter
        labels = gold * (1 - s) + (1 - gold) * (s / max(batch - 1, 1))
        return self.kl_loss(F.log_softmax(-distances, axis=1), labels)


class CTCLoss(Loss):
    """CTCLoss(layout='NTC', label_layout='NT', weight=None), called as loss(pred, label,
    pred_lengths=None, label_lengths=None, sample_weight=None): Connectionist Temporal
    Classification, the op table's CTCLoss (its docstring has the formulas) with the last class
    as the blank (blank_label='last', as MXNet's Gluon loss): pred holds unnormalised scores of
    C classes, (batch, steps, C) for 'NTC' or (steps, batch, C) for 'TNC'; label the classes
    0..C-2 of each sequence, padded with -1 ('NT': (batch, length), 'TN': (length, batch));
    pred_lengths / label_lengths (batch,) give each sequence's steps and label length instead.
    One number per sequence, (batch,)."""
    def __init__(self, layout='NTC', label_layout='NT', weight=None, **kwargs):
        if layout not in ('NTC', 'TNC'):
            raise ValueError("CTCLoss: layout must be 'NTC' or 'TNC', got %r" % (layout,))
        if label_layout not in ('NT', 'TN'):
            raise ValueError("CTCLoss: label_layout must be 'NT' or 'TN', got %r"
                             % (label_layout,))
        self._layout, self._label_layout = layout, label_layout
        super().__init__(weight, label_layout.find('N'), **kwargs)

    def forward(self, pred, label, pred_lengths=None, label_lengths=None, sample_weight=None):
        # (not Loss.forward: the label is not reshaped like the prediction)
        return HybridBlock.forward(self, pred, label, pred_lengths, label_lengths, sample_weight)

    def hybrid_forward(self, F, pred, label, pred_lengths=None, label_lengths=None,
                       sample_weight=None):
        if self._layout == 'NTC':
            pred = F.swapaxes(pred, 0, 1)
        if self._batch_axis == 1:
            label = F.swapaxes(label, 0, 1)
        loss = F.CTCLoss(pred, label, pred_lengths, label_lengths,
                         use_data_lengths=pred_lengths is not None,
                         use_label_lengths=label_lengths is not None, blank_label='last')
        return _apply_weighting(loss, self._weight, sample_weight)

