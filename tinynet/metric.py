"""Evaluation metrics, as MXNet's: `update(labels, preds)` with lists of arrays, then `get()`.

Each metric keeps two tallies: a local one that Speedometer resets every log line, and a global one
for the epoch. Sums stay on the arrays' device and become Python floats only in `get()`, so a GPU run
syncs once per log line, not once per batch.
"""
import math

import numpy as _np

from .backend import get_array_module, to_device, to_numpy
from .util import as_list as _as_list


class EvalMetric:

    """Base of the metrics: EvalMetric(name, output_names=None, label_names=None). update(labels,
    preds) adds a batch; get() gives (name, value) since the last reset(), get_global() since the
    last reset() of everything (reset_local() keeps the global count)."""
    def __init__(self, name, output_names=None, label_names=None):
        self.name = str(name)
        self.output_names, self.label_names = output_names, label_names
        self.reset()

    def reset(self):
        """Forget every batch, local and global."""
        self.num_inst, self.sum_metric = 0, 0.0
        self.global_num_inst, self.global_sum_metric = 0, 0.0

    def reset_local(self):
        """Forget the batches since the last reset_local(); the global count stays."""
        self.num_inst, self.sum_metric = 0, 0.0

    def _add(self, value, count):
        self.sum_metric += value
        self.global_sum_metric += value
        self.num_inst += count
        self.global_num_inst += count

    def update(self, labels, preds):
        """Add a batch: `labels` and `preds`, lists of arrays (NumPy or NDArray)."""
        raise NotImplementedError

    def get(self):
        """(name, value) over the batches since the last reset or reset_local; value is a Python float
        (nan before any batch)."""
        return self.name, (float(self.sum_metric) / self.num_inst if self.num_inst else float('nan'))

    def get_global(self):
        """(name, value) over every batch since the last reset."""
        return self.name, (float(self.global_sum_metric) / self.global_num_inst
                           if self.global_num_inst else float('nan'))

    def get_config(self):
        """The metric's settings as a dict, from which metric.create(**config) (or create of
        its JSON text) makes the metric again, as MXNet's: its constructor's own arguments
        (axis, top_k, eps, average, ...) with 'metric' (the class name), 'name',
        'output_names' and 'label_names'."""
        import inspect
        config = {p: getattr(self, p) for p in inspect.signature(type(self).__init__).parameters
                  if p not in ('self', 'name', 'output_names', 'label_names') and hasattr(self, p)}
        config.update(metric=type(self).__name__, name=self.name, output_names=self.output_names,
                      label_names=self.label_names)
        return config

    def get_name_value(self):
        """[(name, value)] of get(), as a list of pairs."""
        name, value = self.get()
        return list(zip(_as_list(name), _as_list(value)))

    def get_global_name_value(self):
        """[(name, value)] of get_global(), as a list of pairs."""
        name, value = self.get_global()
        return list(zip(_as_list(name), _as_list(value)))

    def __str__(self):
        return 'EvalMetric: {}'.format(dict(self.get_name_value()))


def _check_pairs(metric, labels, preds):
    labels, preds = _as_list(labels), _as_list(preds)
    if len(labels) != len(preds):
        raise ValueError('%s: %d label arrays for %d prediction arrays'
                         % (metric.name, len(labels), len(preds)))
    pairs = []
    for label, pred in zip(labels, preds):
        # NDArrays (mx.nd, as Gluon passes them) are read through their array, on their device
        label = getattr(label, 'data_array', label)
        pred = getattr(pred, 'data_array', pred)
        xp = get_array_module(pred)
        label = to_device(label, xp)
        if label.ndim > 1 and pred.ndim > 1 and label.shape != pred.shape and \
                label.size == pred.shape[0]:
            label = label.reshape(-1)     # one label per row, in another shape (MXNet's ravel)
        if label.shape[0] != pred.shape[0]:
            raise ValueError('%s: labels of shape %s do not match predictions of shape %s'
                             % (metric.name, tuple(label.shape), tuple(pred.shape)))
        pairs.append((xp, label, pred))
    return pairs


def _class_labels(metric, xp, label, num_classes):
    """Labels as class indices (int64), refusing any that is not a whole number in
    [0, num_classes): a label of 2.5 or -1 is a mistake in the data, never a class."""
    label = label.reshape(-1)
    index = label.astype(xp.int64)
    bad = (index != label) | (index < 0) | (index >= num_classes)
    if bool(bad.any()):
        raise ValueError('%s: labels must be class numbers 0 to %d, got %s'
                         % (metric.name, num_classes - 1, label[bad][:5].tolist()))
    return index


class Accuracy(EvalMetric):
    """Fraction of predictions whose arg-max (over `axis`) equals the label."""

    def __init__(self, axis=1, name='accuracy', output_names=None, label_names=None):
        self.axis = axis
        super().__init__(name, output_names, label_names)

    def update(self, labels, preds):
        for xp, label, pred in _check_pairs(self, labels, preds):
            if pred.shape != label.shape:
                index = _class_labels(self, xp, label, pred.shape[self.axis])
                pred = pred.argmax(axis=self.axis)
            else:
                index = label.reshape(-1).astype(xp.int64)
            correct = pred.reshape(-1).astype(xp.int64) == index
            self._add(correct.sum(), correct.size)


class TopKAccuracy(EvalMetric):
    """Fraction of labels among the top_k highest-scoring classes."""

    def __init__(self, top_k=1, name='top_k_accuracy', output_names=None, label_names=None):
        if top_k < 1:
            raise ValueError('TopKAccuracy: top_k must be >= 1, got %r' % top_k)
        self.top_k = top_k
        super().__init__('%s_%d' % (name, top_k), output_names, label_names)

    def update(self, labels, preds):
        for xp, label, pred in _check_pairs(self, labels, preds):
            k = min(self.top_k, pred.shape[1])
            index = _class_labels(self, xp, label, pred.shape[1])
            top = xp.argsort(pred, axis=1)[:, -k:]
            hit = (top == index.reshape(-1, 1)).any(axis=1)
            self._add(hit.sum(), hit.size)


class CrossEntropy(EvalMetric):
    """Mean of -log p[label] over the samples."""

    def __init__(self, eps=1e-12, name='cross-entropy', output_names=None, label_names=None):
        self.eps = eps
        super().__init__(name, output_names, label_names)

    def update(self, labels, preds):
        for xp, label, pred in _check_pairs(self, labels, preds):
            index = _class_labels(self, xp, label, pred.shape[1])
            prob = pred[xp.arange(index.shape[0]), index]
            self._add((-xp.log(prob + self.eps)).sum(), index.shape[0])


class NegativeLogLikelihood(CrossEntropy):
    """NegativeLogLikelihood(eps=1e-12, name='nll-loss'): the mean of -log(p[label] + eps) over
    the samples, as CrossEntropy (MXNet has both names for the one formula)."""

    def __init__(self, eps=1e-12, name='nll-loss', output_names=None, label_names=None):
        super().__init__(eps, name, output_names, label_names)


def _columns(xp, label, pred):
    """label and pred as MXNet's regression metrics take them: a 1-d array becomes a column."""
    label = label.reshape(label.shape[0], 1) if label.ndim == 1 else label
    pred = pred.reshape(pred.shape[0], 1) if pred.ndim == 1 else pred
    return label.astype(xp.float64), pred.astype(xp.float64)


class _BatchMean(EvalMetric):
    """A regression metric as MXNet 1.9.1 computes it: one number per batch (`_batch` of label
    and pred), and get() the mean of those numbers (so batches of different sizes weigh alike)."""

    def update(self, labels, preds):
        for xp, label, pred in _check_pairs(self, labels, preds):
            self._add(self._batch(xp, *_columns(xp, label, pred)), 1)


class MAE(_BatchMean):
    """MAE(name='mae'): per batch the mean of |label - pred|; get() averages the batches."""
    def __init__(self, name='mae', output_names=None, label_names=None):
        super().__init__(name, output_names, label_names)

    def _batch(self, xp, label, pred):
        return xp.abs(label - pred).mean()


class MSE(_BatchMean):
    """MSE(name='mse'): per batch the mean of (label - pred)^2; get() averages the batches."""
    def __init__(self, name='mse', output_names=None, label_names=None):
        super().__init__(name, output_names, label_names)

    def _batch(self, xp, label, pred):
        return ((label - pred) ** 2).mean()


class RMSE(_BatchMean):
    """RMSE(name='rmse'): per batch sqrt(mean((label - pred)^2)); get() averages the batches."""
    def __init__(self, name='rmse', output_names=None, label_names=None):
        super().__init__(name, output_names, label_names)

    def _batch(self, xp, label, pred):
        return xp.sqrt(((label - pred) ** 2).mean())


class _Binary(EvalMetric):
    """F1 and MCC: counts of true/false positives/negatives of a two-class problem (the positive
    class is 1, the prediction the arg-max of each row of pred), kept since the last reset_local()
    and since the last reset(). average='macro' (MXNet's default) averages the batches' scores;
    'micro' scores the counts of all batches together."""

    def __init__(self, name, output_names=None, label_names=None, average='macro'):
        if average not in ('macro', 'micro'):
            raise ValueError("%s: average must be 'macro' or 'micro', got %r"
                             % (type(self).__name__, average))
        self.average = average
        super().__init__(name, output_names, label_names)

    def reset(self):
        super().reset()
        self._local = self._all = _np.zeros(4)       # tp, fp, fn, tn

    def reset_local(self):
        super().reset_local()
        self._local = _np.zeros(4)

    def update(self, labels, preds):
        batch = _np.zeros(4)
        for xp, label, pred in _check_pairs(self, labels, preds):
            label = to_numpy(label).reshape(-1).astype(_np.int64)
            if len(_np.unique(label)) > 2:
                raise ValueError('%s: a two-class metric (class 1 is the positive one), but the '
                                 'labels hold %d classes: %s' % (type(self).__name__,
                                                                len(_np.unique(label)),
                                                                _np.unique(label)[:5].tolist()))
            guess = to_numpy(pred).argmax(axis=1) == 1
            truth = label == 1
            batch += [(guess & truth).sum(), (guess & ~truth).sum(), (~guess & truth).sum(),
                      (~guess & ~truth).sum()]
        if self.average == 'macro':
            self._add(self._score(batch), 1)
        else:
            self._local, self._all = self._local + batch, self._all + batch
            self.sum_metric = float(self._score(self._local) * self._local.sum())
            self.global_sum_metric = float(self._score(self._all) * self._all.sum())
            self.num_inst, self.global_num_inst = int(self._local.sum()), int(self._all.sum())


class F1(_Binary):
    """F1(name='f1', average='macro'): 2 precision recall / (precision + recall), precision =
    tp / (tp + fp), recall = tp / (tp + fn), each 0 when its denominator is."""
    def __init__(self, name='f1', output_names=None, label_names=None, average='macro'):
        super().__init__(name, output_names, label_names, average)

    @staticmethod
    def _score(counts):
        tp, fp, fn, _ = counts
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


class MCC(_Binary):
    """MCC(name='mcc', average='macro'): Matthews' correlation (tp tn - fp fn) / sqrt of the
    product of the four sums tp+fp, tp+fn, tn+fp, tn+fn, leaving out those that are 0 (MXNet's)."""
    def __init__(self, name='mcc', output_names=None, label_names=None, average='macro'):
        super().__init__(name, output_names, label_names, average)

    @staticmethod
    def _score(counts):
        tp, fp, fn, tn = counts
        if not counts.sum():
            return 0.0
        terms = [t for t in (tp + fp, tp + fn, tn + fp, tn + fn) if t]
        return (tp * tn - fp * fn) / math.sqrt(math.prod(terms))


class PCC(EvalMetric):
    """PCC(name='pcc'): Pearson's correlation of predicted and true classes for any number of
    classes, from the confusion matrix C (rows: predictions, columns: labels) summed over the
    batches: with n = sum C, x = row sums, y = column sums,
        (sum_k C_kk n - x.y) / sqrt(sum x (n - x) * sum y (n - y))     (nan when a sum is 0)
    It is MCC for two classes. Predictions are class scores (arg-max) or classes."""

    def __init__(self, name='pcc', output_names=None, label_names=None):
        super().__init__(name, output_names, label_names)

    def reset(self):
        super().reset()
        self.lcm = self.gcm = _np.zeros((2, 2))

    def reset_local(self):
        super().reset_local()
        self.lcm = _np.zeros_like(self.gcm)

    def update(self, labels, preds):
        for _, label, pred in _check_pairs(self, labels, preds):
            label = to_numpy(label).reshape(-1).astype(_np.int64)
            pred = to_numpy(pred)
            pred = pred.argmax(axis=1) if pred.ndim > 1 else pred.astype(_np.int64)
            k = max(int(pred.max()), int(label.max()), self.gcm.shape[0] - 1) + 1
            grow = ((0, k - self.gcm.shape[0]),) * 2
            self.lcm, self.gcm = _np.pad(self.lcm, grow), _np.pad(self.gcm, grow)
            batch = _np.zeros((k, k))
            _np.add.at(batch, (pred, label), 1)
            self.lcm, self.gcm = self.lcm + batch, self.gcm + batch
            self.num_inst += 1
            self.global_num_inst += 1

    @staticmethod
    def _correlation(c):
        n, x, y = c.sum(), c.sum(axis=1), c.sum(axis=0)
        cov_xx, cov_yy = _np.sum(x * (n - x)), _np.sum(y * (n - y))
        if cov_xx == 0 or cov_yy == 0:
            return float('nan')
        return float(_np.sum(c.diagonal() * n - x * y) / math.sqrt(cov_xx * cov_yy))

    def get(self):
        return self.name, self._correlation(self.lcm)

    def get_global(self):
        return self.name, self._correlation(self.gcm)


class Perplexity(EvalMetric):
    """Perplexity(ignore_label, axis=-1, name='perplexity'): exp of the mean of -log p[label]
    (p floored at 1e-10) over the labels, those equal to ignore_label (None: none) left out."""

    def __init__(self, ignore_label, axis=-1, name='perplexity', output_names=None,
                 label_names=None):
        self.ignore_label, self.axis = ignore_label, axis
        super().__init__(name, output_names, label_names)

    def update(self, labels, preds):
        for xp, label, pred in _check_pairs(self, labels, preds):
            pred = xp.moveaxis(pred, self.axis, -1).reshape(-1, pred.shape[self.axis])
            label = label.reshape(-1)
            if label.size != pred.shape[0]:
                raise ValueError('Perplexity: %d labels for %d predictions' % (label.size,
                                                                              pred.shape[0]))
            keep = label != self.ignore_label if self.ignore_label is not None else \
                xp.ones(label.shape, bool)
            index = _class_labels(self, xp, xp.where(keep, label, 0), pred.shape[1])
            p = pred[xp.arange(index.shape[0]), index]
            self._add(-(xp.log(xp.maximum(p, 1e-10)) * keep).sum(), int(keep.sum()))

    def get(self):
        name, value = super().get()
        return name, math.exp(value)

    def get_global(self):
        name, value = super().get_global()
        return name, math.exp(value)


class PearsonCorrelation(EvalMetric):
    """PearsonCorrelation(name='pearsonr', average='macro'): the correlation coefficient of pred
    and label (flattened); 'macro' averages the batches' coefficients, 'micro' computes one over
    every sample since the last reset."""

    def __init__(self, name='pearsonr', output_names=None, label_names=None, average='macro'):
        if average not in ('macro', 'micro'):
            raise ValueError("PearsonCorrelation: average must be 'macro' or 'micro', got %r"
                             % (average,))
        self.average = average
        super().__init__(name, output_names, label_names)

    def reset(self):
        super().reset()
        self._sums = _np.zeros(6)         # n, sum p, sum l, sum p^2, sum l^2, sum p l

    def update(self, labels, preds):
        for _, label, pred in _check_pairs(self, labels, preds):
            label = to_numpy(label).ravel().astype(_np.float64)
            pred = to_numpy(pred).ravel().astype(_np.float64)
            if label.size != pred.size:
                raise ValueError('PearsonCorrelation: %d labels for %d predictions'
                                 % (label.size, pred.size))
            if self.average == 'macro':
                self._add(_np.corrcoef(pred, label)[0, 1], 1)
            else:
                self._sums += [pred.size, pred.sum(), label.sum(), (pred * pred).sum(),
                               (label * label).sum(), (pred * label).sum()]
                self.num_inst += 1
                self.global_num_inst += 1

    def get(self):
        if self.average == 'macro' or not self.num_inst:
            return super().get()
        n, sp, sl, spp, sll, spl = self._sums
        return self.name, float((spl - sp * sl / n) / math.sqrt((spp - sp * sp / n) *
                                                                (sll - sl * sl / n)))


class Loss(EvalMetric):
    """Loss(name='loss'): the mean of the values given as `preds` (a loss's outputs; the labels
    are ignored)."""
    def __init__(self, name='loss', output_names=None, label_names=None):
        super().__init__(name, output_names, label_names)

    def update(self, _, preds):
        for pred in _as_list(preds):
            pred = to_numpy(getattr(pred, 'data_array', pred))
            self._add(pred.sum(), pred.size)


class CustomMetric(EvalMetric):
    """CustomMetric(feval, name=None, allow_extra_outputs=False): feval(label, pred), given NumPy
    arrays for each pair, returns a number (one instance) or (sum, count). The name defaults to
    'custom(<feval's name>)'."""

    def __init__(self, feval, name=None, allow_extra_outputs=False, output_names=None,
                 label_names=None):
        if name is None:
            name = feval.__name__
            if '<' in name:
                name = 'custom(%s)' % name
        self._feval, self._allow_extra_outputs = feval, allow_extra_outputs
        super().__init__(name, output_names, label_names)

    def get_config(self):
        """Refused, as MXNet refuses it: a Python function cannot be written as settings."""
        raise NotImplementedError('CustomMetric %r: get_config cannot describe its function '
                                  '(MXNet: "CustomMetric cannot be serialized")' % self.name)

    def update(self, labels, preds):
        labels, preds = _as_list(labels), _as_list(preds)
        if not self._allow_extra_outputs and len(labels) != len(preds):
            raise ValueError('%s: %d label arrays for %d prediction arrays'
                             % (self.name, len(labels), len(preds)))
        for pred, label in zip(preds, labels):
            value = self._feval(to_numpy(getattr(label, 'data_array', label)),
                                to_numpy(getattr(pred, 'data_array', pred)))
            self._add(*(value if isinstance(value, tuple) else (value, 1)))


def np_metric(numpy_feval, name=None, allow_extra_outputs=False):
    """A CustomMetric of a function of NumPy arrays (MXNet's mx.metric.np)."""
    return CustomMetric(numpy_feval, name, allow_extra_outputs)


class CompositeEvalMetric(EvalMetric):
    """Several metrics updated together; get() returns lists of names and values."""

    def __init__(self, metrics=None, name='composite', output_names=None, label_names=None):
        self.metrics = [create(m) for m in (metrics or [])]
        super().__init__(name, output_names, label_names)

    def add(self, metric):
        """Add `metric` (an EvalMetric or a name) to the ones this composite updates."""
        self.metrics.append(create(metric))

    def get_config(self):
        """EvalMetric.get_config, with 'metrics': each metric's config."""
        config = super().get_config()
        config['metrics'] = [m.get_config() for m in self.metrics]
        return config

    def reset(self):
        for m in getattr(self, 'metrics', []):
            m.reset()

    def reset_local(self):
        for m in self.metrics:
            m.reset_local()

    def update(self, labels, preds):
        for m in self.metrics:
            m.update(labels, preds)

    def get(self):
        pairs = [m.get() for m in self.metrics]
        return [p[0] for p in pairs], [p[1] for p in pairs]

    def get_global(self):
        pairs = [m.get_global() for m in self.metrics]
        return [p[0] for p in pairs], [p[1] for p in pairs]


def create(metric, *args, **kwargs):
    """A metric by name ('acc' / 'accuracy', 'top_k_accuracy', 'ce' / 'cross-entropy', 'mse',
    'mae', 'rmse', 'f1', 'mcc', 'perplexity', 'pearsonr', 'loss', 'nll_loss', 'pcc', or a class
    name in any case: 'TopKAccuracy'), a list of those (a
    CompositeEvalMetric; 'composite' too), a function feval(label, pred) (a CustomMetric), a
    metric passed through, or a get_config() dict or its JSON text (MXNet's registry reads
    '{"metric": "F1", ...}' and '["f1", {...}]'); args and kwargs go to the class."""
    if isinstance(metric, EvalMetric):
        return metric
    if isinstance(metric, dict):                           # a get_config() dict
        return create(**metric)
    if isinstance(metric, str) and metric.startswith(('{', '[')):   # get_config() as JSON
        import json
        config = json.loads(metric)
        if isinstance(config, list):                       # MXNet's [name, kwargs] form
            return create(config[0], **config[1])
        return create(**config)
    if isinstance(metric, (list, tuple)):
        return CompositeEvalMetric(list(metric))
    if callable(metric):
        return CustomMetric(metric, *args, **kwargs)
    classes = {'acc': Accuracy, 'accuracy': Accuracy, 'top_k_accuracy': TopKAccuracy,
               'top_k_acc': TopKAccuracy, 'ce': CrossEntropy, 'cross-entropy': CrossEntropy,
               'mse': MSE, 'mae': MAE, 'rmse': RMSE, 'f1': F1, 'mcc': MCC,
               'perplexity': Perplexity, 'pearsonr': PearsonCorrelation, 'loss': Loss,
               'nll_loss': NegativeLogLikelihood, 'pcc': PCC, 'composite': CompositeEvalMetric,
               'custom': CustomMetric}
    # and each class by its own name, in any case (MXNet's registry: 'TopKAccuracy')
    classes.update({cls.__name__.lower(): cls for cls in set(classes.values())})
    if not isinstance(metric, str) or metric.lower() not in classes:
        raise ValueError('metric.create: unknown metric %r; known: %s'
                         % (metric, ', '.join(sorted(classes))))
    return classes[metric.lower()](*args, **kwargs)


np = np_metric      # MXNet's name, mx.metric.np(feval); NumPy is _np in this file
