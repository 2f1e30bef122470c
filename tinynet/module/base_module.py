"""BaseModule: the training and evaluation loops, written once over what a module provides.

    mod.fit(train_iter, eval_data=val_iter, optimizer='sgd',
            optimizer_params={'learning_rate': 0.1}, eval_metric='acc', num_epoch=10)
    prob = mod.predict(test_iter)            # (num_examples, num_classes), padded rows dropped
    mod.score(test_iter, mx.metric.Accuracy())

A subclass provides bind, init_params, init_optimizer, get_params, forward, backward, update,
update_metric, get_outputs and install_monitor (Module does, for one executor). The loops log
MXNet's lines through `self.logger`.
"""
import logging
import time

import numpy as np

from .. import metric as _metric
from .. import model as _model
from ..callback import BatchEndParam
from ..initializer import Uniform
from ..io import NDArrayIter
from ..ndarray import NDArray
from ..util import as_list, warn_ignored


def call_callbacks(callbacks, *args):
    """Call a callback, or each of a list of them, with `args`."""
    for callback in as_list(callbacks):
        callback(*args)


class BaseModule:

    """The training and evaluation loops over what a module provides (fit, score, predict,
    iter_predict), written once; Module is the one module of tinynet. logger=logging: where the
    loops' lines go."""
    def __init__(self, logger=logging):
        self.logger = logger
        self.binded = self.params_initialized = self.optimizer_initialized = False
        self.for_training = self.inputs_need_grad = False
        self._monitor = None

    # ----- what a subclass provides -----
    def forward_backward(self, data_batch):
        """forward(data_batch, is_train=True), then backward()."""
        self.forward(data_batch, is_train=True)
        self.backward()

    def is_chief(self):
        """Whether this process logs and calls the callbacks (one of several workers may not)."""
        return True

    def check_finite(self, epoch, nbatch):
        """Raise FloatingPointError when training has gone non-finite (a subclass says where)."""

    def save_params(self, fname):
        """The parameters alone, as `arg:`/`aux:` entries (get_params to a file)."""
        _model.save_params(fname, *self.get_params())

    def load_params(self, fname):
        """Parameters that save_params (or MXNet) wrote (a file to set_params)."""
        self._params_source = fname
        self.set_params(*_model.load_params(fname))

    def prepare(self, data_batch, sparse_row_id_fn=None):
        """Kept for MXNet compatibility: nothing to prepare for dense arrays."""

    # ----- whole data sets -----
    def fit(self, train_data, eval_data=None, eval_metric='acc', epoch_end_callback=None,
            batch_end_callback=None, kvstore='local', optimizer='sgd',
            optimizer_params=(('learning_rate', 0.01),), eval_end_callback=None,
            eval_batch_end_callback=None, initializer=Uniform(0.01), arg_params=None,
            aux_params=None, allow_missing=False, force_rebind=False, force_init=False,
            begin_epoch=0, num_epoch=None, validation_metric=None, monitor=None,
            sparse_row_id_fn=None, check_finite=True):
        """Train for epochs begin_epoch .. num_epoch-1, logging as MXNet does.

        check_finite (tinynet's, on by default): after each batch's backward, before its update,
        the outputs, gradients and parameters are checked for NaN and infinity (a sum of each,
        a small part of a step: benchmarks/RESULTS.md); when something is not finite, training stops with a
        FloatingPointError naming the epoch, the batch and the first layer, in forward order,
        whose output or gradient went non-finite (found by rerunning that batch), or the update
        that made the parameters so. (The last batch's update is checked by the next fit or
        score only: its outputs would show it.)"""
        if num_epoch is None:
            raise ValueError('Module.fit: please specify num_epoch')
        for arg, value in (('num_epoch', num_epoch), ('begin_epoch', begin_epoch)):
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError('Module.fit: %s must be a whole number >= 0, got %r'
                                 % (arg, value))
        if num_epoch <= begin_epoch:
            raise ValueError('Module.fit: num_epoch (%d) is not above begin_epoch (%d): nothing '
                             'would be trained (the epochs run are begin_epoch .. num_epoch - 1)'
                             % (num_epoch, begin_epoch))
        warn_ignored('Module.fit', 'sparse_row_id_fn', sparse_row_id_fn, None)
        self.bind(data_shapes=train_data.provide_data, label_shapes=train_data.provide_label,
                  for_training=True, force_rebind=force_rebind)
        if monitor is not None:
            self.install_monitor(monitor)
        self.init_params(initializer=initializer, arg_params=arg_params, aux_params=aux_params,
                         allow_missing=allow_missing, force_init=force_init)
        self.init_optimizer(kvstore=kvstore, optimizer=optimizer, optimizer_params=optimizer_params)
        validation_metric = validation_metric or eval_metric
        eval_metric = _metric.create(eval_metric)
        if not self.is_chief():           # another worker of the same job: rank 0 speaks
            batch_end_callback = epoch_end_callback = eval_end_callback = None
            eval_batch_end_callback = None
        log = self.logger.info if self.is_chief() else (lambda *args: None)
        for epoch in range(begin_epoch, num_epoch):
            tic = time.time()
            eval_metric.reset()
            nbatch = 0
            for data_batch in train_data:
                if self._monitor is not None:
                    self._monitor.tic()
                self.forward_backward(data_batch)
                if check_finite:
                    self.check_finite(epoch, nbatch)
                self.update()
                self.update_metric(eval_metric, data_batch.label)
                if self._monitor is not None:
                    self._monitor.toc_print()
                if batch_end_callback is not None:
                    call_callbacks(batch_end_callback, BatchEndParam(
                        epoch=epoch, nbatch=nbatch, eval_metric=eval_metric, locals=locals()))
                nbatch += 1
            for name, value in eval_metric.get_global_name_value():
                log('Epoch[%d] Train-%s=%f', epoch, name, value)
            log('Epoch[%d] Time cost=%.3f', epoch, time.time() - tic)
            if epoch_end_callback is not None:
                arg_params, aux_params = self.get_params()
                call_callbacks(epoch_end_callback, epoch, self.symbol, arg_params, aux_params)
            if eval_data is not None:
                result = self.score(eval_data, validation_metric,
                                    score_end_callback=eval_end_callback,
                                    batch_end_callback=eval_batch_end_callback, epoch=epoch)
                for name, value in result:
                    log('Epoch[%d] Validation-%s=%f', epoch, name, value)
            train_data.reset()

    def _check_ready(self, what, eval_data):
        if not self.binded and self.params_initialized:    # e.g. straight after Module.load
            self.bind(eval_data.provide_data, eval_data.provide_label or None, for_training=False)
        if not (self.binded and self.params_initialized):
            raise RuntimeError('Module.%s: the module needs bind() and init_params() (or fit()) '
                               'first' % what)

    def score(self, eval_data, eval_metric, num_batch=None, batch_end_callback=None,
              score_end_callback=None, reset=True, epoch=0, sparse_row_id_fn=None):
        """Run `eval_metric` over `eval_data`; returns [(name, value)]. Padded rows do not count
        (MXNet counts them, a known bug)."""
        self._check_ready('score', eval_data)
        if reset:
            eval_data.reset()
        eval_metric = _metric.create(eval_metric)
        eval_metric.reset()
        for nbatch, batch in enumerate(eval_data):
            if num_batch is not None and nbatch == num_batch:
                break
            self.forward(batch, is_train=False)
            self.update_metric(eval_metric, batch.label)
            if batch_end_callback is not None:
                call_callbacks(batch_end_callback, BatchEndParam(
                    epoch=epoch, nbatch=nbatch, eval_metric=eval_metric, locals=locals()))
        if score_end_callback is not None:
            call_callbacks(score_end_callback, BatchEndParam(
                epoch=epoch, nbatch=num_batch, eval_metric=eval_metric, locals=locals()))
        return eval_metric.get_name_value()

    def iter_predict(self, eval_data, num_batch=None, reset=True, sparse_row_id_fn=None):
        """(outputs, nbatch, batch) for each batch: the outputs as new NDArrays on the module's
        (first) context, as MXNet's, padding removed."""
        self._check_ready('iter_predict', eval_data)
        if reset:
            eval_data.reset()
        for nbatch, batch in enumerate(eval_data):
            if num_batch is not None and nbatch == num_batch:
                break
            self.forward(batch, is_train=False)
            outputs = self.get_outputs()
            keep = outputs[0].shape[0] - (batch.pad or 0)
            yield [NDArray(o.data_array[:keep].copy(), o.context) for o in outputs], nbatch, batch

    def predict(self, eval_data, num_batch=None, merge_batches=True, reset=True,
                always_output_list=False, sparse_row_id_fn=None):
        """The outputs over `eval_data`, stacked, padded rows removed: an NDArray (a list of them
        for several outputs or with always_output_list), as MXNet's (`prob.asnumpy()`)."""
        if isinstance(eval_data, NDArray):         # MXNet predicts an NDArray as one batch
            eval_data = eval_data.data_array
        if isinstance(eval_data, np.ndarray) or hasattr(eval_data, '__cuda_array_interface__'):
            batch_size = self.data_shapes[0].shape[0] if self.binded else 100
            eval_data = NDArrayIter(eval_data, batch_size=batch_size, shuffle=False)
        outputs = [out for out, _, _ in self.iter_predict(eval_data, num_batch, reset)]
        if not outputs or not merge_batches:
            return outputs
        merged = [NDArray(first.context.xp.concatenate([out[i].data_array for out in outputs]),
                          first.context) for i, first in enumerate(outputs[0])]
        return merged[0] if len(merged) == 1 and not always_output_list else merged
