"""Module: a symbol plus its parameters, trained by a short loop. It owns no math.

    mod = mx.mod.Module(symbol=net, context=mx.cpu())
    mod.fit(train_iter, eval_data=val_iter, optimizer='sgd',
            optimizer_params={'learning_rate': 0.1}, eval_metric='acc', num_epoch=10)
    prob = mod.predict(test_iter)            # (num_examples, num_classes), padded rows dropped
    mod.score(test_iter, mx.metric.Accuracy())

One executor does the work: forward, backward, then the optimizer updates each parameter in place.
"""
import logging
import time

import numpy as np

from . import metric as _metric
from . import optimizer as _optimizer
from .backend import Context, cpu, to_device, to_numpy
from .callback import BatchEndParam
from .initializer import Uniform
from .io import DataDesc, NDArrayIter
from .symbol import is_label
from . import model as _model


def _as_list(x):
    if x is None:
        return []
    return list(x) if isinstance(x, (list, tuple)) else [x]


def _descs(shapes):
    return [s if isinstance(s, DataDesc) else DataDesc(*s) for s in (shapes or [])]


class Module:

    def __init__(self, symbol, data_names=('data',), label_names=('softmax_label',), logger=logging,
                 context=None, work_load_list=None, fixed_param_names=None, state_names=None,
                 group2ctxs=None, compression_params=None):
        contexts = _as_list(context) or [cpu()]
        if len(contexts) > 1:
            raise ValueError('Module: training on several devices at once is not supported; got '
                             'context=%s' % contexts)
        self._context = Context(contexts[0])
        self._symbol = symbol
        arguments = symbol.list_arguments()
        self._data_names = list(data_names or [])
        for name in self._data_names:
            if name not in arguments:
                raise ValueError('Module: data name %r is not an argument of the symbol (%s)'
                                 % (name, arguments))
        # a label the symbol does not use (e.g. an inference-only graph) is dropped, as in MXNet
        self._label_names = [n for n in (label_names or []) if n in arguments]
        self._fixed_param_names = list(fixed_param_names or [])
        # a *_label argument is an input even when not named in label_names: never a parameter
        self._param_names = [n for n in arguments if n not in self._data_names + self._label_names
                             and not is_label(n)]
        self._aux_names = symbol.list_auxiliary_states()
        self.logger = logger
        self.binded = self.params_initialized = self.optimizer_initialized = False
        self.for_training = False
        self._exec = None
        self._arg_params = self._aux_params = None
        self._preload_opt_states = None
        self._updater = self._optimizer = None
        self._monitor = None
        self._pad = 0
        self._batch_labels = None
        self._input_buffers = {}   # our own arrays for inputs that must be copied (see forward)

    # ----- names and shapes -----
    @property
    def symbol(self):
        return self._symbol

    @property
    def data_names(self):
        return self._data_names

    @property
    def label_names(self):
        return self._label_names

    @property
    def output_names(self):
        return self._symbol.list_outputs()

    @property
    def data_shapes(self):
        return self._data_shapes

    @property
    def label_shapes(self):
        return self._label_shapes

    @property
    def output_shapes(self):
        return list(zip(self.output_names, [tuple(o.shape) for o in self._exec.outputs]))

    # ----- set-up -----
    def bind(self, data_shapes, label_shapes=None, for_training=True, inputs_need_grad=False,
             force_rebind=False, shared_module=None, grad_req='write'):
        if self.binded and not force_rebind:
            self.logger.warning('Module: already bound, ignoring bind()')
            return
        self._data_shapes, self._label_shapes = _descs(data_shapes), _descs(label_shapes)
        given = {d.name for d in self._data_shapes + self._label_shapes}
        missing = [n for n in self._data_names if n not in given]
        if missing:
            raise ValueError('Module.bind: no shape given for data %s (got %s)'
                             % (missing, sorted(given)))
        self.for_training, self.inputs_need_grad = for_training, inputs_need_grad
        # a rebind keeps the parameters the old executor had
        previous = self.get_params() if self.binded and self.params_initialized else None
        reqs = {}
        for name in self._symbol.list_arguments():
            if name in self._data_names:
                reqs[name] = 'write' if inputs_need_grad else 'null'
            elif name in self._param_names and name not in self._fixed_param_names and for_training:
                reqs[name] = grad_req
            else:
                reqs[name] = 'null'
        shapes = {d.name: d.shape for d in self._data_shapes + self._label_shapes}
        types = {d.name: d.dtype for d in self._data_shapes + self._label_shapes}
        self._exec = self._symbol.simple_bind(self._context, grad_req=reqs, type_dict=types,
                                              **shapes)
        if shared_module is not None and shared_module.params_initialized:
            self.set_params(*shared_module.get_params())
        elif previous is not None:
            self._exec.copy_params_from(*previous)
        elif self._arg_params is not None:      # set_params() or Module.load() before bind()
            self._exec.copy_params_from(self._arg_params, self._aux_params,
                                        allow_extra_params=True)
        self.binded = True

    def init_params(self, initializer=Uniform(0.01), arg_params=None, aux_params=None,
                    allow_missing=False, force_init=False, allow_extra=False):
        """Give each parameter its value: from arg_params if there, else from `initializer`
        (parameters are visited in sorted name order, so a seed fixes them)."""
        if self.params_initialized and not force_init:
            return
        if not self.binded:
            raise RuntimeError('Module.init_params: call bind() first')
        arg_params = arg_params if arg_params is not None else self._arg_params
        aux_params = aux_params if aux_params is not None else self._aux_params
        for source, names in ((arg_params, self._param_names), (aux_params, self._aux_names)):
            if source and not allow_extra:
                extra = sorted(set(source) - set(names) - set(self._data_names + self._label_names))
                if extra:
                    raise ValueError('Module.init_params: parameters %s are not in the symbol; pass '
                                     'allow_extra=True to ignore them' % extra)
        for name in sorted(self._param_names):
            target = self._exec.arg_dict[name]
            self._init_one(name, target, arg_params, initializer, allow_missing)
        for name in sorted(self._aux_names):
            self._init_one(name, self._exec.aux_dict[name], aux_params, initializer, allow_missing)
        self.params_initialized = True
        self._arg_params, self._aux_params = None, None

    def _init_one(self, name, target, given, initializer, allow_missing):
        if given and name in given:
            value = given[name]
            if tuple(value.shape) != tuple(target.shape):
                raise ValueError('Module.init_params: %r has shape %s in the given parameters, '
                                 'but the symbol needs %s' % (name, tuple(value.shape),
                                                              tuple(target.shape)))
            target[...] = to_device(value, self._context.xp)
        elif given and not allow_missing:
            raise ValueError('Module.init_params: %r is missing from the given parameters' % name)
        elif initializer is None:
            raise ValueError('Module.init_params: no initializer for %r' % name)
        else:
            initializer(name, target)

    def init_optimizer(self, kvstore='local', optimizer='sgd',
                       optimizer_params=(('learning_rate', 0.01),), force_init=False):
        if self.optimizer_initialized and not force_init:
            return
        params = dict(optimizer_params)
        if 'rescale_grad' not in params:
            params['rescale_grad'] = 1.0 / self._data_shapes[0].shape[0]
        self._optimizer = _optimizer.create(optimizer, **params) if isinstance(optimizer, str) \
            else optimizer
        self._updater = _optimizer.get_updater(self._optimizer)
        if self._preload_opt_states is not None:
            self.load_optimizer_states(self._preload_opt_states)
            self._preload_opt_states = None
        self.optimizer_initialized = True

    def get_params(self):
        """(arg_params, aux_params): NumPy copies of the parameters."""
        arg = {n: to_numpy(self._exec.arg_dict[n]).copy() for n in self._param_names}
        aux = {n: to_numpy(self._exec.aux_dict[n]).copy() for n in self._aux_names}
        return arg, aux

    def set_params(self, arg_params, aux_params=None, allow_missing=False, force_init=True,
                   allow_extra=False):
        if not self.binded:
            self._arg_params, self._aux_params = arg_params, aux_params
            self.params_initialized = True
            return
        self.init_params(None, arg_params, aux_params, allow_missing, force_init=True,
                         allow_extra=allow_extra)

    # ----- one batch -----
    def forward(self, data_batch, is_train=None):
        is_train = self.for_training if is_train is None else is_train
        data = _as_list(data_batch.data)
        labels = _as_list(data_batch.label) if data_batch.label is not None else []
        batch_size = data[0].shape[0]
        if batch_size != self._exec.arg_dict[self._data_names[0]].shape[0]:
            self._reshape(batch_size, data, labels)
        arg_dict, xp = self._exec.arg_dict, self._context.xp
        for name, array in zip(self._data_names, data):
            arg_dict[name] = self._input_array(name, array, arg_dict[name], xp)
        if is_train or labels:
            for name, array in zip(self._label_names, labels):
                arg_dict[name][...] = to_device(array, xp).reshape(arg_dict[name].shape)
        self._pad = data_batch.pad or 0
        self._batch_labels = data_batch.label    # update_metric uses the device copy of these
        self._exec.forward(is_train=is_train)
        if self._monitor is not None:
            self._monitor.collect(self._exec, 'forward')

    def _input_array(self, name, array, bound, xp):
        """The array the executor reads input `name` from for this batch. The batch's own array when
        it already has the device, shape and dtype bound: ops never write to their inputs, so this
        saves copying every batch. Otherwise the batch is copied into a buffer of our own; never
        into `array`, which belongs to the caller."""
        if type(array) is type(bound) and array.shape == bound.shape and array.dtype == bound.dtype:
            return array
        buffer = self._input_buffers.get(name)
        if buffer is None or buffer.shape != bound.shape or buffer.dtype != bound.dtype:
            buffer = self._input_buffers[name] = xp.empty(bound.shape, dtype=bound.dtype)
        buffer[...] = to_device(array, xp)
        return buffer

    def _reshape(self, batch_size, data, labels):
        shapes = {name: (batch_size,) + tuple(a.shape[1:]) for name, a in zip(self._data_names, data)}
        for name in self._label_names:
            shape = tuple(self._exec.arg_dict[name].shape)
            shapes[name] = (batch_size,) + shape[1:]
        self._exec = self._exec.reshape(**shapes)

    def backward(self, out_grads=None):
        self._exec.backward(out_grads)
        if self._monitor is not None:
            self._monitor.collect(self._exec, 'backward')

    def forward_backward(self, data_batch):
        self.forward(data_batch, is_train=True)
        self.backward()

    def update(self):
        """One optimizer step for every trainable parameter (gradients are already in grad_dict)."""
        if not self.optimizer_initialized:
            raise RuntimeError('Module.update: call init_optimizer() first')
        for name in self._param_names:
            if name in self._exec.grad_dict:
                self._updater(name, self._exec.grad_dict[name], self._exec.arg_dict[name])

    def get_outputs(self, merge_multi_context=True):
        return list(self._exec.outputs)

    def get_input_grads(self, merge_multi_context=True):
        return [self._exec.grad_dict[n] for n in self._data_names]

    def update_metric(self, eval_metric, labels, pre_sliced=False):
        """Update `eval_metric` with the last batch; rows that were padding are left out."""
        outputs = self._exec.outputs
        if labels is self._batch_labels and self._label_names and \
                len(_as_list(labels)) == len(self._label_names):
            # the batch's own labels are already on the device: no second copy there
            labels = [self._exec.arg_dict[name] for name in self._label_names]
        keep = outputs[0].shape[0] - self._pad
        if self._pad:
            labels = [l[:keep] for l in _as_list(labels)]
            outputs = [o[:keep] for o in outputs]
        eval_metric.update(_as_list(labels), outputs)

    def install_monitor(self, mon):
        self._monitor = mon

    # ----- whole data sets -----
    def fit(self, train_data, eval_data=None, eval_metric='acc', epoch_end_callback=None,
            batch_end_callback=None, kvstore='local', optimizer='sgd',
            optimizer_params=(('learning_rate', 0.01),), eval_end_callback=None,
            eval_batch_end_callback=None, initializer=Uniform(0.01), arg_params=None,
            aux_params=None, allow_missing=False, force_rebind=False, force_init=False,
            begin_epoch=0, num_epoch=None, validation_metric=None, monitor=None,
            sparse_row_id_fn=None):
        """Train for epochs begin_epoch .. num_epoch-1, logging as MXNet does."""
        if num_epoch is None:
            raise ValueError('Module.fit: please specify num_epoch')
        self.bind(data_shapes=train_data.provide_data, label_shapes=train_data.provide_label,
                  for_training=True, force_rebind=force_rebind)
        if monitor is not None:
            self.install_monitor(monitor)
        self.init_params(initializer=initializer, arg_params=arg_params, aux_params=aux_params,
                         allow_missing=allow_missing, force_init=force_init)
        self.init_optimizer(kvstore=kvstore, optimizer=optimizer, optimizer_params=optimizer_params)
        validation_metric = validation_metric or eval_metric
        eval_metric = _metric.create(eval_metric)
        for epoch in range(begin_epoch, num_epoch):
            tic = time.time()
            eval_metric.reset()
            nbatch = 0
            for data_batch in train_data:
                if self._monitor is not None:
                    self._monitor.tic()
                self.forward_backward(data_batch)
                self.update()
                self.update_metric(eval_metric, data_batch.label)
                if self._monitor is not None:
                    self._monitor.toc_print()
                if batch_end_callback is not None:
                    param = BatchEndParam(epoch=epoch, nbatch=nbatch, eval_metric=eval_metric,
                                          locals=locals())
                    for callback in _as_list(batch_end_callback):
                        callback(param)
                nbatch += 1
            for name, value in eval_metric.get_global_name_value():
                self.logger.info('Epoch[%d] Train-%s=%f', epoch, name, value)
            self.logger.info('Epoch[%d] Time cost=%.3f', epoch, time.time() - tic)
            if epoch_end_callback is not None:
                arg_params, aux_params = self.get_params()
                for callback in _as_list(epoch_end_callback):
                    callback(epoch, self._symbol, arg_params, aux_params)
            if eval_data is not None:
                result = self.score(eval_data, validation_metric,
                                    score_end_callback=eval_end_callback,
                                    batch_end_callback=eval_batch_end_callback, epoch=epoch)
                for name, value in result:
                    self.logger.info('Epoch[%d] Validation-%s=%f', epoch, name, value)
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
                param = BatchEndParam(epoch=epoch, nbatch=nbatch, eval_metric=eval_metric,
                                      locals=locals())
                for callback in _as_list(batch_end_callback):
                    callback(param)
        if score_end_callback is not None:
            param = BatchEndParam(epoch=epoch, nbatch=num_batch, eval_metric=eval_metric,
                                  locals=locals())
            for callback in _as_list(score_end_callback):
                callback(param)
        return eval_metric.get_name_value()

    def iter_predict(self, eval_data, num_batch=None, reset=True):
        self._check_ready('iter_predict', eval_data)
        if reset:
            eval_data.reset()
        for nbatch, batch in enumerate(eval_data):
            if num_batch is not None and nbatch == num_batch:
                break
            self.forward(batch, is_train=False)
            keep = self._exec.outputs[0].shape[0] - (batch.pad or 0)
            yield [to_numpy(o[:keep]) for o in self._exec.outputs], nbatch, batch

    def predict(self, eval_data, num_batch=None, merge_batches=True, reset=True,
                always_output_list=False, sparse_row_id_fn=None):
        """The outputs over `eval_data` as NumPy arrays, stacked, padded rows removed."""
        if isinstance(eval_data, np.ndarray) or hasattr(eval_data, '__cuda_array_interface__'):
            batch_size = self._data_shapes[0].shape[0] if self.binded else 100
            eval_data = NDArrayIter(eval_data, batch_size=batch_size, shuffle=False)
        outputs = [out for out, _, _ in self.iter_predict(eval_data, num_batch, reset)]
        if not outputs:
            return outputs
        if not merge_batches:
            return outputs
        merged = [np.concatenate([out[i] for out in outputs]) for i in range(len(outputs[0]))]
        return merged[0] if len(merged) == 1 and not always_output_list else merged

    # ----- saving -----
    def save_checkpoint(self, prefix, epoch, save_optimizer_states=False, remove_amp_cast=True):
        arg_params, aux_params = self.get_params()
        _model.save_checkpoint(prefix, epoch, self._symbol, arg_params, aux_params)
        if save_optimizer_states:
            self.save_optimizer_states('%s-%04d.states' % (prefix, epoch))

    def save_params(self, fname):
        _model.save_params(fname, *self.get_params())

    def load_params(self, fname):
        self.set_params(*_model.load_params(fname))

    def save_optimizer_states(self, fname):
        states = {}
        for name, state in self._updater.states.items():
            for i, array in enumerate(state if isinstance(state, tuple) else
                                      ([] if state is None else [state])):
                states['%s:%d' % (name, i)] = array
        _model.save_params(fname, states)

    def load_optimizer_states(self, fname):
        states, _ = _model.load_params(fname)
        grouped = {}
        for key, array in states.items():
            name, _, index = key.rpartition(':')
            grouped.setdefault(name, {})[int(index)] = to_device(array, self._context.xp)
        for name, parts in grouped.items():
            values = [parts[i] for i in sorted(parts)]
            self._updater.states[name] = values[0] if len(values) == 1 else tuple(values)

    @staticmethod
    def load(prefix, epoch, load_optimizer_states=False, **kwargs):
        """A Module with the symbol and parameters of a checkpoint (bind it before use; fit and
        predict bind themselves)."""
        symbol, arg_params, aux_params = _model.load_checkpoint(prefix, epoch)
        mod = Module(symbol=symbol, **kwargs)
        mod._arg_params, mod._aux_params = arg_params, aux_params
        mod.params_initialized = True
        if load_optimizer_states:
            mod._preload_opt_states = '%s-%04d.states' % (prefix, epoch)
        return mod
