"""The Estimator's event handlers: objects called at six moments of training.

A handler subclasses one or more of the six moments (TrainBegin, EpochBegin, BatchBegin,
BatchEnd, EpochEnd, TrainEnd) and defines the method of each: `train_begin(estimator)`,
`batch_end(estimator, batch=, pred=, label=, loss=)`, ... A `batch_end` or `epoch_end` that
returns True stops training. Handlers run in ascending `priority` (default 0): updating the
weights (-2000) comes first, then the metrics and validation (-1000), the logging last (inf).

    class LossHistory(EpochEnd):
        def __init__(self):
            self.history = []
        def epoch_end(self, estimator, *args, **kwargs):
            self.history.append(estimator.train_metrics[-1].get()[1])
"""
import math
import os
import time
import warnings

from ....metric import CompositeEvalMetric, EvalMetric
from ....metric import Loss as LossMetric


class EventHandler:
    """The base of every handler."""


def check_event_handlers(handlers):
    """`handlers` (one, a list, or None) as a list, each checked to be an EventHandler."""
    if isinstance(handlers, EventHandler):
        return [handlers]
    handlers = list(handlers or [])
    wrong = [h for h in handlers if not isinstance(h, EventHandler)]
    if wrong:
        raise ValueError('Estimator: event_handlers must be EventHandlers (subclasses of TrainBegin, '
                         'EpochEnd, ...), got %r' % (wrong,))
    return handlers


def check_metrics(metrics):
    """`metrics` (one EvalMetric, a CompositeEvalMetric, a list, or None) as a flat list."""
    if isinstance(metrics, CompositeEvalMetric):
        return [m for metric in metrics.metrics for m in check_metrics(metric)]
    if isinstance(metrics, EvalMetric):
        return [metrics]
    metrics = list(metrics or [])
    wrong = [m for m in metrics if not isinstance(m, EvalMetric)]
    if wrong:
        raise ValueError('Estimator: metrics must be EvalMetrics (mx.metric), got %r' % (wrong,))
    return metrics


class TrainBegin(EventHandler):
    """Called once before the first epoch: `train_begin(estimator)`."""

    def train_begin(self, estimator, *args, **kwargs):
        pass


class TrainEnd(EventHandler):
    """Called once after the last epoch: `train_end(estimator)`."""

    def train_end(self, estimator, *args, **kwargs):
        pass


class EpochBegin(EventHandler):
    """Called before each epoch (and before each validation pass): `epoch_begin(estimator)`."""

    def epoch_begin(self, estimator, *args, **kwargs):
        pass


class EpochEnd(EventHandler):
    """Called after each epoch: `epoch_end(estimator)`; returning True stops training."""

    def epoch_end(self, estimator, *args, **kwargs):
        return False


class BatchBegin(EventHandler):
    """Called before each batch: `batch_begin(estimator, batch=)`."""

    def batch_begin(self, estimator, *args, **kwargs):
        pass


class BatchEnd(EventHandler):
    """Called after each batch: `batch_end(estimator, batch=, pred=, label=, loss=)`; returning
    True stops training."""

    def batch_end(self, estimator, *args, **kwargs):
        return False


class StoppingHandler(TrainBegin, BatchEnd, EpochEnd):
    """Stops training after max_epoch epochs or max_batch batches (default None: no limit;
    fit() passes its own through the estimator at train_begin)."""

    def __init__(self, max_epoch=None, max_batch=None):
        self.max_epoch, self.max_batch = max_epoch, max_batch
        self.current_batch = self.current_epoch = 0
        self.stop_training = False

    def train_begin(self, estimator, *args, **kwargs):
        self.max_epoch, self.max_batch = estimator.max_epoch, estimator.max_batch
        self.current_batch = self.current_epoch = 0
        self.stop_training = False

    def batch_end(self, estimator, *args, **kwargs):
        self.current_batch += 1
        if self.current_batch == self.max_batch:
            self.stop_training = True
        return self.stop_training

    def epoch_end(self, estimator, *args, **kwargs):
        self.current_epoch += 1
        if self.current_epoch == self.max_epoch:
            self.stop_training = True
        return self.stop_training


class MetricHandler(EpochBegin, BatchEnd):
    """Resets `metrics` at each epoch's start and updates them after each batch: a metric.Loss
    with the batch's loss, every other metric with (label, pred). priority default -1000."""

    def __init__(self, metrics, priority=-1000):
        self.metrics = check_metrics(metrics)
        self.priority = priority

    def epoch_begin(self, estimator, *args, **kwargs):
        for metric in self.metrics:
            metric.reset()

    def batch_end(self, estimator, *args, **kwargs):
        for metric in self.metrics:
            if isinstance(metric, LossMetric):
                metric.update(0, kwargs['loss'])
            else:
                metric.update(kwargs['label'], kwargs['pred'])


class ValidationHandler(TrainBegin, BatchEnd, EpochEnd):
    """Runs `eval_fn(val_data=, batch_axis=, event_handlers=)` (the estimator's evaluate) every
    epoch_period epochs (default 1) and, if batch_period is given, every batch_period batches.
    priority default -1000; event_handlers (default None) are passed on to eval_fn."""

    def __init__(self, val_data, eval_fn, epoch_period=1, batch_period=None, priority=-1000,
                 event_handlers=None):
        self.val_data, self.eval_fn = val_data, eval_fn
        self.epoch_period, self.batch_period = epoch_period, batch_period
        self.priority, self.event_handlers = priority, event_handlers
        self.current_batch = self.current_epoch = 0

    def train_begin(self, estimator, *args, **kwargs):
        self.current_batch = self.current_epoch = 0

    def _evaluate(self, estimator):
        self.eval_fn(val_data=self.val_data, batch_axis=estimator.batch_axis,
                     event_handlers=self.event_handlers)

    def batch_end(self, estimator, *args, **kwargs):
        self.current_batch += 1
        if self.batch_period and self.current_batch % self.batch_period == 0:
            self._evaluate(estimator)

    def epoch_end(self, estimator, *args, **kwargs):
        self.current_epoch += 1
        if self.epoch_period and self.current_epoch % self.epoch_period == 0:
            self._evaluate(estimator)


class LoggingHandler(TrainBegin, TrainEnd, EpochBegin, EpochEnd, BatchBegin, BatchEnd):
    """Logs (to estimator.logger) the optimizer and learning rate at the start, `metrics` after
    every epoch (log_interval='epoch', the default) or also every log_interval batches (an int),
    and the totals at the end. priority default inf: it runs after every other handler."""

    def __init__(self, log_interval='epoch', metrics=None, priority=math.inf):
        if log_interval != 'epoch' and (not isinstance(log_interval, int)
                                        or isinstance(log_interval, bool)):
            raise ValueError("LoggingHandler: log_interval must be an int or 'epoch', got %r"
                             % (log_interval,))
        self.log_interval, self.metrics, self.priority = log_interval, check_metrics(metrics), priority
        self.batch_index = self.current_epoch = self.processed_samples = 0
        self.log_interval_time = 0
        self.train_start = self.epoch_start = self.batch_start = None

    def _values(self):
        return ', '.join('%s: %.4f' % metric.get() for metric in self.metrics)

    def train_begin(self, estimator, *args, **kwargs):
        self.train_start = time.time()
        trainer = estimator.trainer
        estimator.logger.info('Training begin: using optimizer %s with current learning rate '
                              '%.4f ', type(trainer.optimizer).__name__, trainer.learning_rate)
        if estimator.max_epoch:
            estimator.logger.info('Train for %d epochs.', estimator.max_epoch)
        else:
            estimator.logger.info('Train for %d batches.', estimator.max_batch)
        self.current_epoch = self.batch_index = self.processed_samples = 0
        self.log_interval_time = 0

    def train_end(self, estimator, *args, **kwargs):
        msg = 'Train finished using total %ds with %d epochs. ' % (
            time.time() - self.train_start, self.current_epoch)
        estimator.logger.info((msg + self._values()).rstrip(', '))

    def batch_begin(self, estimator, *args, **kwargs):
        if isinstance(self.log_interval, int):
            self.batch_start = time.time()

    def batch_end(self, estimator, *args, **kwargs):
        if isinstance(self.log_interval, int):
            self.log_interval_time += time.time() - self.batch_start
            self.processed_samples += kwargs['batch'][0].shape[0]
            if self.batch_index % self.log_interval == 0:
                msg = '[Epoch %d][Batch %d][Samples %s] time/interval: %.3fs ' % (
                    self.current_epoch, self.batch_index, self.processed_samples,
                    self.log_interval_time)
                self.log_interval_time = 0
                estimator.logger.info((msg + self._values()).rstrip(', '))
        self.batch_index += 1

    def epoch_begin(self, estimator, *args, **kwargs):
        self.epoch_start = time.time()
        # the estimator names its metrics 'training ...' and 'validation ...'
        if any('training' in metric.name for metric in self.metrics):
            estimator.logger.info('[Epoch %d] Begin, current learning rate: %.4f',
                                  self.current_epoch, estimator.trainer.learning_rate)
        else:
            estimator.logger.info('Validation Begin')

    def epoch_end(self, estimator, *args, **kwargs):
        msg = '[Epoch %d] Finished in %.3fs, ' % (self.current_epoch, time.time() - self.epoch_start)
        estimator.logger.info((msg + self._values()).rstrip(', '))
        self.current_epoch += 1
        self.batch_index = 0


def _improves(mode, monitor, who):
    """The comparison telling whether a new value of `monitor` is better: 'max' (greater),
    'min' (less) or 'auto': greater for accuracies and F1, less for everything else (losses,
    errors). MXNet 1.9's 'auto' means greater for every metric (its test reads
    `'acc' or 'f1' in name`, always true), which keeps the worst model when the monitor is a
    loss; tinynet does what MXNet's documentation says."""
    if mode not in ('auto', 'min', 'max'):
        warnings.warn('%s: mode %r is unknown, using auto' % (who, mode), RuntimeWarning)
        mode = 'auto'
    if mode == 'auto':
        name = monitor.get()[0].lower()
        mode = 'max' if ('acc' in name or 'f1' in name) else 'min'
        warnings.warn('%s: %s is taken to improve when it gets %s; pass mode= to choose'
                      % (who, monitor.get()[0], 'greater' if mode == 'max' else 'smaller'))
    return mode


class CheckpointHandler(TrainBegin, BatchEnd, EpochEnd):
    """Saves the parameters (`net.save_parameters`) and trainer states (`trainer.save_states`)
    in model_dir as `{model_prefix}-epoch{E}batch{B}.params/.states`, every epoch_period epochs
    (default 1) or batch_period batches (default None), keeping the newest max_checkpoints
    (default 5). With save_best=True (default False) it also keeps `{model_prefix}-best.*`, the
    one where `monitor` (a metric of the estimator) was best: mode 'max', 'min' or 'auto'
    (default; see _improves). A hybridized net's symbol goes to `{model_prefix}-symbol.json`
    after the first batch. resume_from_checkpoint=True (default False) loads the newest
    checkpoint in model_dir and trains only the epochs (or batches) that are left. verbose
    (default 0) 1: log every save. model_prefix default 'model'."""

    def __init__(self, model_dir, model_prefix='model', monitor=None, verbose=0, save_best=False,
                 mode='auto', epoch_period=1, batch_period=None, max_checkpoints=5,
                 resume_from_checkpoint=False):
        if save_best and not isinstance(monitor, EvalMetric):
            raise ValueError('CheckpointHandler(save_best=True) needs monitor=, one of the '
                             "estimator's train_metrics or val_metrics; got %r" % (monitor,))
        os.makedirs(model_dir, exist_ok=True)
        self.model_dir, self.model_prefix, self.monitor = model_dir, model_prefix, monitor
        self.verbose, self.save_best = verbose, save_best
        self.epoch_period, self.batch_period = epoch_period, batch_period
        self.max_checkpoints, self.resume_from_checkpoint = max_checkpoints, resume_from_checkpoint
        self.current_batch = self.current_epoch = 0
        self.trained_epoch = self.trained_batch = -1
        self.saved_checkpoints = []
        if save_best:
            self.mode = _improves(mode, monitor, 'CheckpointHandler')
            self.best = -math.inf if self.mode == 'max' else math.inf

    def _better(self, value):
        return value > self.best if self.mode == 'max' else value < self.best

    def train_begin(self, estimator, *args, **kwargs):
        self.current_epoch = self.current_batch = 0
        if self.save_best:
            self.best = -math.inf if self.mode == 'max' else math.inf
        if self.resume_from_checkpoint:
            by_batch = bool(estimator.max_batch)
            if by_batch != bool(self.batch_period) or by_batch == bool(self.epoch_period):
                raise ValueError('CheckpointHandler(resume_from_checkpoint=True): save by the '
                                 'kind of period you train by (fit(epochs=) with epoch_period '
                                 'and batch_period=None, fit(batches=) with batch_period and '
                                 'epoch_period=None)')
            self._resume(estimator)

    def batch_end(self, estimator, *args, **kwargs):
        if self.current_batch == 0:
            self._save_symbol(estimator)
        if self.batch_period and (self.current_batch + 1) % self.batch_period == 0:
            self._save_checkpoint(estimator)
        self.current_batch += 1

    def epoch_end(self, estimator, *args, **kwargs):
        if self.epoch_period and (self.current_epoch + 1) % self.epoch_period == 0:
            self._save_checkpoint(estimator)
        self.current_epoch += 1

    def _save_checkpoint(self, estimator):
        epoch, batch = self.current_epoch, self.current_batch
        if self.resume_from_checkpoint:     # numbers go on from the checkpoint resumed
            epoch += self.trained_epoch + 1
            batch += self.trained_batch + (0 if estimator.max_epoch else 1)
        prefix = '%s-epoch%dbatch%d' % (self.model_prefix, epoch, batch)
        self._save(estimator, prefix)
        if self.verbose > 0:
            estimator.logger.info('[Epoch %d] CheckpointHandler: trained total %d batches, saving '
                                  'model at %s with prefix: %s', self.current_epoch,
                                  self.current_batch + 1, self.model_dir, prefix)
        if self.save_best:
            name, value = self.monitor.get()
            if math.isnan(value):
                warnings.warn('CheckpointHandler: not saving the best model: %s has no value yet '
                              '(monitor one of the estimator\'s metrics)' % name, RuntimeWarning)
            elif self._better(value):
                if self.verbose > 0:
                    estimator.logger.info('[Epoch %d] CheckpointHandler: %s improved from %0.5f to '
                                          '%0.5f, updating best model at %s with prefix: %s-best',
                                          self.current_epoch, name, self.best, value,
                                          self.model_dir, self.model_prefix)
                self._save(estimator, self.model_prefix + '-best')
                self.best = value
            elif self.verbose > 0:
                estimator.logger.info('[Epoch %d] CheckpointHandler: %s did not improve from '
                                      '%0.5f, skipping updating best model',
                                      self.current_epoch, name, self.best)

    def _save_symbol(self, estimator):
        path = os.path.join(self.model_dir, self.model_prefix + '-symbol.json')
        symbol = estimator.net.traced_symbol() if hasattr(estimator.net, 'traced_symbol') else None
        if symbol is not None:
            symbol.save(path)
        else:
            estimator.logger.info('Model architecture (symbol file) is not saved: build the model '
                                  'from HybridBlocks and call net.hybridize() before passing it '
                                  'to the Estimator to save it as %s.', path)

    def _save(self, estimator, prefix):
        estimator.net.save_parameters(os.path.join(self.model_dir, prefix + '.params'))
        estimator.trainer.save_states(os.path.join(self.model_dir, prefix + '.states'))
        if prefix.endswith('-best'):
            return
        self.saved_checkpoints.append(prefix)
        if len(self.saved_checkpoints) > self.max_checkpoints:
            oldest = self.saved_checkpoints.pop(0)
            for suffix in ('.params', '.states'):
                path = os.path.join(self.model_dir, oldest + suffix)
                if os.path.exists(path):
                    os.remove(path)

    def _checkpoints(self):
        """(epoch, batch, prefix) of each `{model_prefix}-epochEbatchB.params` in model_dir."""
        import re
        pattern = re.compile(re.escape(self.model_prefix) + r'-epoch(\d+)batch(\d+)\.params$')
        found = []
        for name in os.listdir(self.model_dir):
            match = pattern.match(name)
            if match:
                found.append((int(match.group(1)), int(match.group(2)), name[:-len('.params')]))
        return sorted(found)

    def _resume(self, estimator):
        found = self._checkpoints()
        self.saved_checkpoints = [prefix for _, _, prefix in found]
        if not found:
            self.trained_epoch = self.trained_batch = -1
            estimator.logger.info('CheckpointHandler: No checkpoint found, training from scratch '
                                  'for ' + ('%d batches' % estimator.max_batch if estimator.max_batch
                                            else '%d epochs' % estimator.max_epoch))
            return
        self.trained_epoch, self.trained_batch, prefix = found[-1]
        msg = 'CheckpointHandler: Checkpoint resumed from epoch %d batch %d, continue to train ' \
              'for ' % (self.trained_epoch, self.trained_batch)
        if estimator.max_epoch:
            if self.trained_epoch >= estimator.max_epoch - 1:
                raise ValueError('CheckpointHandler: the checkpoint %s has trained all %d epochs; '
                                 'pass resume_from_checkpoint=False to train from scratch'
                                 % (prefix, estimator.max_epoch))
            estimator.max_epoch -= self.trained_epoch + 1
            msg += '%d epochs ' % estimator.max_epoch
        if estimator.max_batch:
            if self.trained_batch >= estimator.max_batch - 1:
                raise ValueError('CheckpointHandler: the checkpoint %s has trained all %d batches; '
                                 'pass resume_from_checkpoint=False to train from scratch'
                                 % (prefix, estimator.max_batch))
            estimator.max_batch -= self.trained_batch + 1
            msg += '%d batches ' % estimator.max_batch
        for suffix in ('.params', '.states'):
            if not os.path.exists(os.path.join(self.model_dir, prefix + suffix)):
                raise FileNotFoundError('CheckpointHandler: cannot resume: %s is missing'
                                        % os.path.join(self.model_dir, prefix + suffix))
        estimator.net.load_parameters(os.path.join(self.model_dir, prefix + '.params'),
                                      ctx=estimator.context)
        estimator.trainer.load_states(os.path.join(self.model_dir, prefix + '.states'))
        estimator.logger.warning(msg)


class EarlyStoppingHandler(TrainBegin, EpochEnd, TrainEnd):
    """Stops training when `monitor` (one of the estimator's metrics, not a composite) has not
    improved by more than min_delta (default 0) for patience epochs (default 0). mode 'max',
    'min' or 'auto' (default; see _improves); baseline (default None): the value to beat."""

    def __init__(self, monitor, min_delta=0, patience=0, mode='auto', baseline=None):
        if not isinstance(monitor, EvalMetric):
            raise ValueError('EarlyStoppingHandler: monitor must be one of the estimator\'s '
                             'train_metrics or val_metrics, got %r' % (monitor,))
        if isinstance(monitor, CompositeEvalMetric):
            raise ValueError('EarlyStoppingHandler: monitor a single metric, not a '
                             'CompositeEvalMetric')
        self.monitor, self.baseline, self.patience = monitor, baseline, patience
        self.mode = _improves(mode, monitor, 'EarlyStoppingHandler')
        self.min_delta = min_delta if self.mode == 'max' else -min_delta
        self.wait = self.stopped_epoch = self.current_epoch = 0
        self.stop_training = False
        self.best = None

    def train_begin(self, estimator, *args, **kwargs):
        self.wait = self.stopped_epoch = self.current_epoch = 0
        self.stop_training = False
        if self.baseline is not None:
            self.best = self.baseline
        else:
            self.best = -math.inf if self.mode == 'max' else math.inf

    def epoch_end(self, estimator, *args, **kwargs):
        name, value = self.monitor.get()
        if math.isnan(value):
            warnings.warn('EarlyStoppingHandler: %s has no value (monitor one of the estimator\'s '
                          'metrics)' % name, RuntimeWarning)
        else:
            shifted = value - self.min_delta
            if shifted > self.best if self.mode == 'max' else shifted < self.best:
                self.best, self.wait = value, 0
            else:
                self.wait += 1
                if self.wait >= self.patience:
                    self.stopped_epoch, self.stop_training = self.current_epoch, True
        self.current_epoch += 1
        return self.stop_training

    def train_end(self, estimator, *args, **kwargs):
        if self.stopped_epoch > 0:
            estimator.logger.info('[Epoch %d] EarlyStoppingHanlder: early stopping due to %s not '
                                  'improving', self.stopped_epoch, self.monitor.get()[0])


class GradientUpdateHandler(BatchEnd):
    """After each batch, `trainer.step(rows)`, rows being the batch's (the sum of the loss
    parts' first dimensions). priority default -2000: before the metrics see the batch."""

    def __init__(self, priority=-2000):
        self.priority = priority

    def batch_end(self, estimator, *args, **kwargs):
        loss = kwargs['loss']
        parts = loss if isinstance(loss, list) else [loss]
        estimator.trainer.step(sum(part.shape[0] for part in parts))
