"""Estimator: MXNet's fit API, a training loop made of event handlers.

    est = Estimator(net, loss=gluon.loss.SoftmaxCrossEntropyLoss(),
                    train_metrics=mx.metric.Accuracy(), trainer=trainer, context=mx.cpu())
    est.fit(train_data=train_loader, val_data=val_loader, epochs=2)

fit() is this loop, every step of which is a handler (event_handler.py) one can replace or add to:

    train_begin
    until a handler says stop:
        epoch_begin                       MetricHandler resets the metrics
        for each batch:
            batch_begin
            batch_processor.fit_batch     forward, loss, backward
            batch_end                     GradientUpdateHandler: trainer.step;
                                          MetricHandler: update; StoppingHandler: count
        epoch_end                         ValidationHandler: evaluate(); LoggingHandler: log
    train_end
"""
import copy
import logging
import sys
import warnings

from ....backend import Context, cpu, gpu
from ....context import num_gpus
from ....metric import Accuracy
from ....metric import Loss as LossMetric
from ...data import DataLoader
from ...loss import Loss, SoftmaxCrossEntropyLoss
from ...trainer import Trainer
from .batch_processor import BatchProcessor
from .event_handler import (BatchBegin, BatchEnd, EpochBegin, EpochEnd, GradientUpdateHandler,
                            LoggingHandler, MetricHandler, StoppingHandler, TrainBegin, TrainEnd,
                            ValidationHandler, check_event_handlers, check_metrics)

class Estimator:
    """Trains `net` with `loss` (a gluon.loss.Loss).

    train_metrics, val_metrics: EvalMetrics (one or a list; default None: Accuracy for a
    SoftmaxCrossEntropyLoss, plus a metric.Loss of the loss; the validation ones default to
    copies of the training ones). Their names get a 'training ' / 'validation ' prefix.
    initializer: used if the net is not initialized yet (default None: the net's default).
    trainer: a gluon.Trainer (default None: SGD with learning rate 0.001, with a warning).
    context: a Context or a list of them (default None: gpu(0) if there is one, else cpu()).
    val_net, val_loss: what evaluate() uses (default None: net and loss).
    batch_processor: an object with fit_batch and evaluate_batch (default BatchProcessor()).
    estimator.logger (a logging.Logger writing to stdout) is where handlers log."""

    logger = None

    def __init__(self, net, loss, train_metrics=None, val_metrics=None, initializer=None,
                 trainer=None, context=None, val_net=None, val_loss=None, batch_processor=None):
        self.net = net
        self.loss = self._check_loss(loss)
        self._train_metrics = check_metrics(train_metrics)
        self._val_metrics = check_metrics(val_metrics)
        self._add_default_training_metrics()
        self._add_validation_metrics()
        self.val_loss = self.loss if val_loss is None else self._check_loss(val_loss)
        self.val_net = self.net if val_net is None else val_net
        self.logger = logging.Logger(name='Estimator', level=logging.INFO)
        self.logger.addHandler(logging.StreamHandler(sys.stdout))
        self.context = self._check_context(context)
        self._initialize(initializer)
        self.trainer = self._check_trainer(trainer)
        self.batch_processor = self._check_batch_processor(batch_processor)
        self.max_epoch = self.max_batch = None
        self.batch_axis = 0

    # ----- checks of the arguments -----
    @staticmethod
    def _check_loss(loss):
        if not isinstance(loss, Loss):
            raise ValueError('Estimator: loss must be a gluon.loss.Loss, got %r' % (loss,))
        return loss

    @staticmethod
    def _check_context(context):
        if not context:
            if num_gpus() > 1:
                warnings.warn('Estimator: several GPUs, using gpu(0); pass context=[mx.gpu(0), '
                              'mx.gpu(1), ...] to use them all')
            return [gpu(0)] if num_gpus() > 0 else [cpu()]
        contexts = [context] if isinstance(context, Context) else context
        if not isinstance(contexts, list) or not all(isinstance(c, Context) for c in contexts):
            raise ValueError('Estimator: context must be a Context or a list of Contexts, for '
                             'example mx.cpu() or [mx.gpu(0), mx.gpu(1)]; got %r' % (context,))
        for ctx in contexts:
            if ctx.device_type == 'gpu' and ctx.device_id >= num_gpus():
                # an AssertionError, as MXNet's (its check is an assert)
                raise AssertionError('Estimator: %s is not available (%d GPUs); use mx.cpu() or '
                                     'one of the GPUs there are' % (ctx, num_gpus()))
        return contexts

    @staticmethod
    def _check_batch_processor(batch_processor):
        if batch_processor is None:
            return BatchProcessor()
        if not (callable(getattr(batch_processor, 'fit_batch', None))
                and callable(getattr(batch_processor, 'evaluate_batch', None))):
            raise ValueError('Estimator: batch_processor must have fit_batch() and '
                             'evaluate_batch() methods, got %r' % (batch_processor,))
        return batch_processor

    def _initialize(self, initializer):
        if not self._is_initialized():
            # only the parameters not initialized yet are initialized
            if initializer:
                self.net.initialize(init=initializer, ctx=self.context)
            else:
                self.net.initialize(ctx=self.context)
        elif initializer:
            warnings.warn('Estimator: Network already fully initialized, skipping initialization '
                          '(initializer= is not used); call net.initialize(init=..., '
                          'force_reinit=True) to re-initialize')

    def _is_initialized(self):
        for param in self.net.collect_params().values():
            try:
                param.list_ctx()
            except RuntimeError:
                return False
        return True

    def _check_trainer(self, trainer):
        if not trainer:
            warnings.warn('Estimator: No trainer specified, default SGD optimizer with learning '
                          'rate 0.001 is used')
            return Trainer(self.net.collect_params(), 'sgd', {'learning_rate': 0.001})
        if not isinstance(trainer, Trainer):
            raise ValueError('Estimator: trainer must be a gluon.Trainer, got %r' % (trainer,))
        return trainer

    def _add_default_training_metrics(self):
        if not self._train_metrics:
            if isinstance(self.loss, SoftmaxCrossEntropyLoss):
                self._train_metrics = [Accuracy()]
            self._train_metrics.append(LossMetric(self.loss.name.rstrip('1234567890')))
        for metric in self._train_metrics:
            metric.name = 'training ' + metric.name

    def _add_validation_metrics(self):
        if not self._val_metrics:
            self._val_metrics = [copy.deepcopy(metric) for metric in self._train_metrics]
        for metric in self._val_metrics:
            if 'training' in metric.name:
                metric.name = metric.name.replace('training', 'validation')
            else:
                metric.name = 'validation ' + metric.name

    @property
    def train_metrics(self):
        """The training metrics (a list), named 'training ...'."""
        return self._train_metrics

    @property
    def val_metrics(self):
        """The validation metrics (a list), named 'validation ...'."""
        return self._val_metrics

    # ----- the loops -----
    @staticmethod
    def _check_loader(data, what):
        if not isinstance(data, DataLoader):
            raise ValueError('Estimator.%s: the data must be a gluon.data.DataLoader (wrap arrays '
                             'in gluon.data.ArrayDataset), got %s' % (what, type(data).__name__))

    def evaluate(self, val_data, batch_axis=0, event_handlers=None):
        """Run val_net over val_data (a DataLoader) and update the validation metrics.
        batch_axis (default 0): the axis batches are split along over the contexts.
        event_handlers (default None): added to a MetricHandler and a LoggingHandler of the
        validation metrics, unless given ones of those kinds."""
        self._check_loader(val_data, 'evaluate')
        for metric in self.val_metrics:
            metric.reset()
        _, epoch_begin, batch_begin, batch_end, epoch_end, _ = self._categorize_handlers(
            self._prepare_default_validation_handlers(event_handlers))
        for handler in epoch_begin:
            handler.epoch_begin(self)
        for batch in val_data:
            for handler in batch_begin:
                handler.batch_begin(self, batch=batch)
            _, label, pred, loss = self.batch_processor.evaluate_batch(self, batch, batch_axis)
            for handler in batch_end:
                handler.batch_end(self, batch=batch, pred=pred, label=label, loss=loss)
        for handler in epoch_end:
            handler.epoch_end(self)

    def fit(self, train_data, val_data=None, epochs=None, event_handlers=None, batches=None,
            batch_axis=0):
        """Train on train_data (a DataLoader) for `epochs` epochs or `batches` batches (exactly
        one of the two), evaluating on val_data (default None) after every epoch.
        event_handlers (default None): run with the default ones (StoppingHandler,
        GradientUpdateHandler, MetricHandler, ValidationHandler when val_data is given,
        LoggingHandler), each default left out when a handler of its kind is given.
        batch_axis (default 0): the axis batches are split along over the contexts."""
        self._check_loader(train_data, 'fit')
        if (not epochs) == (not batches):
            raise ValueError('Estimator.fit: give exactly one of epochs= and batches= (got '
                             'epochs=%r, batches=%r)' % (epochs, batches))
        self.max_epoch, self.max_batch, self.batch_axis = epochs, batches, batch_axis
        train_begin, epoch_begin, batch_begin, batch_end, epoch_end, train_end = \
            self._categorize_handlers(self._prepare_default_handlers(val_data, event_handlers))
        for handler in train_begin:
            handler.train_begin(self)
        stop = False
        while not stop:
            for handler in epoch_begin:
                handler.epoch_begin(self)
            for batch in train_data:
                for handler in batch_begin:
                    handler.batch_begin(self, batch=batch)
                _, label, pred, loss = self.batch_processor.fit_batch(self, batch, batch_axis)
                # every handler sees the batch, even when one of them asks to stop
                said = [handler.batch_end(self, batch=batch, pred=pred, label=label, loss=loss)
                        for handler in batch_end]
                if any(said):
                    break
            said = [handler.epoch_end(self) for handler in epoch_end]
            stop = any(said)
        for handler in train_end:
            handler.train_end(self)

    def _prepare_default_handlers(self, val_data, event_handlers):
        """fit()'s handlers: the given ones, a StoppingHandler, and each default whose kind none
        of the given ones is (GradientUpdateHandler, MetricHandler, ValidationHandler when there
        is val_data, LoggingHandler), sorted by priority."""
        defaults = [(GradientUpdateHandler, GradientUpdateHandler),
                    (MetricHandler, lambda: MetricHandler(metrics=self.train_metrics))]
        if val_data:
            defaults.append((ValidationHandler, lambda: ValidationHandler(
                val_data=val_data, eval_fn=self.evaluate)))
        defaults.append((LoggingHandler, lambda: LoggingHandler(metrics=self.train_metrics)))
        return _with_defaults(event_handlers, self.train_metrics + self.val_metrics, defaults,
                              always=[StoppingHandler(self.max_epoch, self.max_batch)])

    def _prepare_default_validation_handlers(self, event_handlers):
        """evaluate()'s handlers: the given ones, and a MetricHandler and a LoggingHandler of
        the validation metrics unless one of that kind is given, sorted by priority."""
        return _with_defaults(event_handlers, self.val_metrics, [
            (MetricHandler, lambda: MetricHandler(metrics=self.val_metrics)),
            (LoggingHandler, lambda: LoggingHandler(metrics=self.val_metrics))])

    @staticmethod
    def _categorize_handlers(handlers):
        """The handlers of each moment, in the order train_begin, epoch_begin, batch_begin,
        batch_end, epoch_end, train_end: only those are called."""
        return tuple([h for h in handlers if isinstance(h, kind)] for kind in
                     (TrainBegin, EpochBegin, BatchBegin, BatchEnd, EpochEnd, TrainEnd))


def _with_defaults(event_handlers, known_metrics, defaults, always=()):
    """The given handlers, plus `always`, plus each default (kind, make) whose kind none of
    them is, sorted by priority. When given and default handlers are mixed, every metric a
    handler refers to must be one of `known_metrics` (else the defaults would update other
    metric objects than the given handlers read)."""
    handlers = check_event_handlers(event_handlers)
    added = list(always) + [make() for kind, make in defaults
                            if not any(isinstance(h, kind) for h in handlers)]
    if handlers and added:
        known = {id(m) for m in known_metrics}
        for handler in handlers + added:
            for metric in _metrics_of(handler):
                if id(metric) not in known:
                    raise ValueError(
                        'Estimator: event handler %s refers to a metric %s that is not one of '
                        "the estimator's; use estimator.train_metrics and estimator.val_metrics"
                        % (type(handler).__name__, metric))
    handlers = handlers + added
    handlers.sort(key=lambda handler: getattr(handler, 'priority', 0))
    return handlers


def _metrics_of(handler):
    """The metrics a handler refers to: its attributes named ...metric... (MXNet's rule)."""
    found = []
    for attribute in dir(handler):
        if 'metric' in attribute:
            value = getattr(handler, attribute)
            if isinstance(value, list):
                found.extend(value)
            elif value is not None and not callable(value):
                found.append(value)
    return found
