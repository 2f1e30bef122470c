"""Evaluation metrics, as MXNet's: `update(labels, preds)` with lists of arrays, then `get()`.

Each metric keeps two tallies: a local one that Speedometer resets every log line, and a global one
for the epoch. Sums stay on the arrays' device and become Python floats only in `get()`, so a GPU run
syncs once per log line, not once per batch.
"""
from .backend import get_array_module, to_device
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


class MSE(EvalMetric):
    """MSE(name='mse'): the mean of (label - pred)^2 over the elements."""
    def __init__(self, name='mse', output_names=None, label_names=None):
        super().__init__(name, output_names, label_names)

    def update(self, labels, preds):
        for xp, label, pred in _check_pairs(self, labels, preds):
            diff = label.reshape(pred.shape) - pred if label.size == pred.size else label - pred
            self._add((diff * diff).mean() * pred.shape[0], pred.shape[0])


class CompositeEvalMetric(EvalMetric):
    """Several metrics updated together; get() returns lists of names and values."""

    def __init__(self, metrics=None, name='composite', output_names=None, label_names=None):
        self.metrics = [create(m) for m in (metrics or [])]
        super().__init__(name, output_names, label_names)

    def add(self, metric):
        """Add `metric` (an EvalMetric or a name) to the ones this composite updates."""
        self.metrics.append(create(metric))

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
    """'acc' / 'accuracy', 'top_k_accuracy', 'ce' / 'cross-entropy', 'mse', a list of those, or a
    metric passed through."""
    if isinstance(metric, EvalMetric):
        return metric
    if isinstance(metric, (list, tuple)):
        return CompositeEvalMetric(list(metric))
    classes = {'acc': Accuracy, 'accuracy': Accuracy, 'top_k_accuracy': TopKAccuracy,
               'top_k_acc': TopKAccuracy, 'ce': CrossEntropy, 'cross-entropy': CrossEntropy,
               'mse': MSE}
    if not isinstance(metric, str) or metric.lower() not in classes:
        raise ValueError('metric.create: unknown metric %r; known: %s'
                         % (metric, ', '.join(sorted(classes))))
    return classes[metric.lower()](*args, **kwargs)
