"""Module: one symbol, its parameters and its optimizer, run by one executor per context.

    mod = mx.mod.Module(symbol=net, context=mx.cpu())
    mod.bind(data_shapes=it.provide_data, label_shapes=it.provide_label)
    mod.init_params(mx.init.Uniform(0.01)); mod.init_optimizer(optimizer='sgd')
    mod.forward(batch, is_train=True); mod.backward(); mod.update()    # what fit does per batch

The loops (fit, score, predict) are BaseModule's. An ExecutorGroup (executor_group.py) runs each
batch, split across the contexts; `update` sums the contexts' gradients in a kvstore (as MXNet's
Module does: 'local', or 'dist_sync' across processes), updates one replica of each parameter and
copies it to the others. The NaN finder fit calls after each batch is finite.py.
"""
import logging

from .. import kvstore as _kvstore
from .. import model as _model
from .. import optimizer as _optimizer
from ..backend import Context, copy_into, cpu, to_numpy
from ..fileio import check_fits
from ..initializer import InitDesc, Uniform
from ..io import DataDesc
from ..ndarray import NDArray
from ..util import as_list, is_label, warn_ignored
from .base_module import BaseModule
from .executor_group import ExecutorGroup
from .finite import first_non_finite


def _optimizer_params(given):
    """optimizer_params as a dict: a dict, or pairs (name, value), as MXNet takes them."""
    if isinstance(given, dict):
        params = dict(given)
    else:
        try:
            pairs = list(given)
            if not all(isinstance(p, (tuple, list)) and len(p) == 2 for p in pairs):
                raise ValueError
            params = dict(pairs)
        except (TypeError, ValueError):
            raise TypeError('Module.init_optimizer: optimizer_params must be a dict or (name, '
                            'value) pairs such as {\'learning_rate\': 0.1}, got %r'
                            % (given,)) from None
    bad = [k for k in params if not isinstance(k, str)]
    if bad:
        raise TypeError('Module.init_optimizer: optimizer_params names must be strings, got %r'
                        % (bad,))
    return params


def _descs(shapes):
    return [s if isinstance(s, DataDesc) else DataDesc(*s) for s in (shapes or [])]


def _contexts_and_loads(context, work_load_list):
    """The contexts (one, or a list) and each one's share of a batch, checked."""
    contexts = [Context(c) for c in as_list(context)] or [cpu()]
    if len(set(contexts)) != len(contexts):
        raise ValueError('Module: context lists %s more than once' % contexts)
    work_load_list = list(work_load_list) if work_load_list is not None else [1] * len(contexts)
    if len(work_load_list) != len(contexts) or not all(
            isinstance(w, (int, float)) and not isinstance(w, bool) and w > 0
            for w in work_load_list):
        raise ValueError('Module: work_load_list must give one positive number per context '
                         '(%d), got %r' % (len(contexts), work_load_list))
    return contexts, work_load_list


def _kvstore_for(kvstore, contexts):
    """The kvstore gradients meet in, as MXNet's Module makes one: across processes ('dist...'
    or a KVStore given), or over several contexts; None for one context in one process."""
    distributed = isinstance(kvstore, _kvstore.KVStore) or \
        (isinstance(kvstore, str) and kvstore.startswith('dist'))
    return _kvstore.create(kvstore) if distributed or (len(contexts) > 1 and kvstore is not None) \
        else None


def _split_arguments(symbol, data_names, label_names):
    """The symbol's arguments as (data names, label names, parameter names)."""
    arguments = symbol.list_arguments()
    data_names = list(data_names or [])
    for name in data_names:
        if name not in arguments:
            raise ValueError('Module: data name %r is not an argument of the symbol (%s)'
                             % (name, arguments))
    # a label the symbol does not use (e.g. an inference-only graph) is dropped, as in MXNet
    label_names = [n for n in (label_names or []) if n in arguments]
    # a *_label argument is an input even when not named in label_names: never a parameter
    params = [n for n in arguments if n not in data_names + label_names and not is_label(n)]
    return data_names, label_names, params


def _fill(name, target, given, initializer, allow_missing, attrs=None, source='the given parameters'):
    """Parameter `name`'s array `target` from the dict `given` when it is there, else from the
    initializer; a missing or misshapen one is named, and so are values that the parameter's
    dtype cannot hold (`source` names where they came from: a file, or the given parameters)."""
    if given and name in given:
        value = given[name]
        if tuple(value.shape) != tuple(target.shape):
            raise ValueError('Module.init_params: %r has shape %s in %s, but the symbol needs %s'
                             % (name, tuple(value.shape), source, tuple(target.shape)))
        check_fits(source, name, to_numpy(value), target.dtype, 'Module.init_params')
        copy_into(target, value)
    elif given and not allow_missing:
        raise ValueError('Module.init_params: %r is missing from the given parameters' % name)
    elif initializer is None:
        raise ValueError('Module.init_params: no initializer for %r' % name)
    else:
        initializer(InitDesc(name, attrs), target)   # a str with the variable's attrs (MXNet's)


class Module(BaseModule):
    """A symbol trained and run on `context` (a Context, or a list for data parallelism).

    Arguments (MXNet's defaults): symbol; data_names=('data',); label_names=('softmax_label',)
    (labels the symbol does not use are dropped); logger=logging; context=cpu(); work_load_list
    (each context's share of a batch; default equal shares); fixed_param_names (parameters not
    updated); state_names, group2ctxs, compression_params (accepted and ignored with a warning).
    Every other argument of the symbol is a parameter."""

    def __init__(self, symbol, data_names=('data',), label_names=('softmax_label',), logger=logging,
                 context=None, work_load_list=None, fixed_param_names=None, state_names=None,
                 group2ctxs=None, compression_params=None):
        super().__init__(logger)
        self._contexts, self._work_load = _contexts_and_loads(context, work_load_list)
        for name, value in (('group2ctxs', group2ctxs), ('compression_params', compression_params),
                            ('state_names', state_names)):
            warn_ignored('Module', name, value, None)
        self._symbol = symbol
        self._data_names, self._label_names, self._param_names = _split_arguments(
            symbol, data_names, label_names)
        self._fixed_param_names = list(fixed_param_names or [])
        self._aux_names = symbol.list_auxiliary_states()
        self._data_shapes = self._label_shapes = self._group = None   # made by bind()
        self._arg_params = self._aux_params = self._preload_opt_states = None  # given before it
        self._preload_allow = (False, False)     # set_params' allow_missing, allow_extra before bind
        self._params_source = 'the given parameters'    # or the file they came from (errors name it)
        self._kvstore = None       # where the contexts' (and workers') gradients meet, if needed
        self._grad_sums = {}       # the summed gradient of each parameter, when there are several
        self._updater = self._optimizer = None
        self._updated = False      # whether an update has run (the NaN finder's to know)
        self._pad, self._batch_labels = 0, None     # the last batch's, for update_metric

    # ----- names and shapes -----
    @property
    def symbol(self):
        """The Symbol this module runs."""
        return self._symbol

    @property
    def data_names(self):
        """The names of the data inputs (['data'])."""
        return self._data_names

    @property
    def label_names(self):
        """The names of the labels the symbol uses (['softmax_label'])."""
        return self._label_names

    @property
    def output_names(self):
        """The names of the symbol's outputs (['softmax_output'])."""
        return self._symbol.list_outputs()

    def _need_bound(self, what):
        if not self.binded:
            raise RuntimeError('Module.%s: the module is not bound yet; call bind() or fit() '
                               'first' % what)

    @property
    def data_shapes(self):
        """[DataDesc] of the data inputs, as bound."""
        self._need_bound('data_shapes')
        return self._data_shapes

    @property
    def label_shapes(self):
        """[DataDesc] of the labels, as bound ([] for a module bound without labels)."""
        self._need_bound('label_shapes')
        return self._label_shapes

    @property
    def output_shapes(self):
        """[(name, shape)] of the outputs, inferred from the bound shapes."""
        self._need_bound('output_shapes')
        shapes = {d.name: d.shape for d in self._data_shapes + self._label_shapes}
        return list(zip(self.output_names, self._symbol.infer_shape(**shapes)[1]))

    # ----- set-up -----
    def bind(self, data_shapes, label_shapes=None, for_training=True, inputs_need_grad=False,
             force_rebind=False, shared_module=None, grad_req='write'):
        """Allocate the executors for these input shapes ([(name, shape)] or DataDesc):
        for_training=False computes no gradients; inputs_need_grad=True also the data's."""
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
        # a rebind keeps the parameters the old executors had
        previous = self.get_params() if self.binded and self.params_initialized else None
        trained = [n for n in self._param_names if n not in self._fixed_param_names] \
            if for_training else []
        reqs = {name: (grad_req if name in trained else
                       'write' if name in self._data_names and inputs_need_grad else 'null')
                for name in self._symbol.list_arguments()}
        inputs = self._data_shapes + self._label_shapes
        self._group = ExecutorGroup(self._symbol, self._contexts, self._work_load,
                                    {d.name: d.shape for d in inputs},
                                    {d.name: d.dtype for d in inputs}, reqs, self._data_names,
                                    self._label_names)
        self.binded = True
        if shared_module is not None and shared_module.params_initialized:
            self.set_params(*shared_module.get_params())
        elif previous is not None:
            self._set_all(*previous)
        elif self._arg_params is not None:
            # set_params() or Module.load() before bind(): every parameter must be there, with
            # its shape, and nothing else (init_params names each one that is not)
            allow_missing, allow_extra = self._preload_allow
            self.init_params(None, self._arg_params, self._aux_params, allow_missing=allow_missing,
                             force_init=True, allow_extra=allow_extra)

    def reshape(self, data_shapes, label_shapes=None):
        """New input shapes for a bound module ([(name, shape)] or DataDesc, as bind takes),
        keeping its parameters and optimizer: MXNet's Module.reshape. Labels not given follow
        the data's batch size."""
        self._need_bound('reshape')
        data_shapes = _descs(data_shapes)
        label_shapes = _descs(label_shapes) if label_shapes is not None else [
            DataDesc(d.name, (data_shapes[0].shape[0],) + tuple(d.shape[1:]), d.dtype)
            for d in self._label_shapes]
        given = {d.name for d in data_shapes}
        if given != set(self._data_names):
            raise ValueError('Module.reshape: data_shapes names %s, but the module\'s data are %s'
                             % (sorted(given), self._data_names))
        self._group.reshape_inputs({d.name: d.shape for d in data_shapes + label_shapes})
        self._data_shapes, self._label_shapes = data_shapes, label_shapes

    def _set_all(self, arg_params, aux_params):
        for source, aux in ((arg_params, False), (aux_params, True)):
            for name, value in source.items():
                self._group.set_param(name, value, aux)

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
        inputs = self._data_names + self._label_names
        for names, given, aux in ((self._param_names, arg_params, False),
                                  (self._aux_names, aux_params, True)):
            extra = sorted(set(given or ()) - set(names) - set(inputs))
            if extra and not allow_extra:
                missing = sorted(set(names) - set(given))
                raise ValueError('Module.init_params: parameters %s are not in the symbol%s; pass '
                                 'allow_extra=True to ignore them' % (extra, '' if not missing else
                                 ' and it has no value for %s (renamed?)' % missing))
        attrs = self._symbol.attr_dict()
        for names, given, aux in ((self._param_names, arg_params, False),
                                  (self._aux_names, aux_params, True)):
            for name in sorted(names):
                _fill(name, self._group.param(name, aux), given, initializer, allow_missing,
                      attrs.get(name), self._params_source)
            self._group.copy_to_others(names, aux)
        self.params_initialized = True
        self._arg_params, self._aux_params = None, None
        self._params_source = 'the given parameters'

    def init_optimizer(self, kvstore='local', optimizer='sgd',
                       optimizer_params=(('learning_rate', 0.01),), force_init=False):
        """The optimizer (a name and its parameters, or an Optimizer) and where gradients meet:
        a kvstore is made, as in MXNet, when there is something to sum (several contexts, or
        'dist_sync' across processes); rescale_grad defaults to 1 / (batch size * workers)."""
        if self.optimizer_initialized and not force_init:
            return
        params = _optimizer_params(optimizer_params)
        self._kvstore = _kvstore_for(kvstore, self._contexts)
        workers = self._kvstore.num_workers if self._kvstore is not None else 1
        if 'rescale_grad' not in params:
            params['rescale_grad'] = 1.0 / (self._data_shapes[0].shape[0] * workers)
        if workers > 1:
            for name in sorted(self._param_names):      # every worker starts from rank 0's
                array = NDArray(self._group.param(name))
                self._kvstore.broadcast(name, array, out=array)
                self._group.copy_to_others([name])
        # (by name: given the symbol, whose variables' __lr_mult__ / __wd_mult__ it applies)
        self._optimizer = _optimizer.create(optimizer, sym=self._symbol, **params) \
            if isinstance(optimizer, str) else optimizer
        self._updater = _optimizer.get_updater(self._optimizer)
        if self._preload_opt_states is not None:
            self.load_optimizer_states(self._preload_opt_states)
            self._preload_opt_states = None
        self.optimizer_initialized = True

    def get_params(self):
        """(arg_params, aux_params): copies of the parameters as NDArrays on the CPU, as MXNet's
        (`arg_params['fc1_weight'].asnumpy()`)."""
        return ({n: NDArray(to_numpy(self._group.param(n)).copy()) for n in self._param_names},
                {n: NDArray(to_numpy(self._group.param(n, aux=True)).copy())
                 for n in self._aux_names})

    def set_params(self, arg_params, aux_params=None, allow_missing=False, force_init=True,
                   allow_extra=False):
        """Set the parameters from dicts of arrays (before bind: kept until bind checks them)."""
        if not self.binded:
            self._arg_params, self._aux_params = arg_params, aux_params
            self._preload_allow = (allow_missing, allow_extra)     # checked when bind() comes
            self.params_initialized = True
            return
        self.init_params(None, arg_params, aux_params, allow_missing, force_init=True,
                         allow_extra=allow_extra)

    # ----- one batch -----
    def forward(self, data_batch, is_train=None):
        """Run a DataBatch forward (is_train default: bound for training)."""
        is_train = self.for_training if is_train is None else is_train
        label = getattr(data_batch, 'label', None)     # a namedtuple Batch(data) has none
        self._group.forward(as_list(data_batch.data), as_list(label), is_train)
        self._pad = getattr(data_batch, 'pad', 0) or 0
        self._batch_labels = label    # update_metric uses the device copy of these
        if self._monitor is not None:
            self._monitor.collect(self._group.executors[0], 'forward')

    def backward(self, out_grads=None):
        """The gradients of the last forward(is_train=True) (loss heads ignore out_grads)."""
        self._group.backward(out_grads)
        if self._monitor is not None:
            self._monitor.collect(self._group.executors[0], 'backward')

    def update(self):
        """One optimizer step for every trainable parameter, from the gradients of all contexts
        (and workers) summed; every context then holds the new values."""
        if not self.optimizer_initialized:
            raise RuntimeError('Module.update: call init_optimizer() first')
        trained = [n for n in self._param_names if n in self._group.executors[0].grad_dict]
        self._contexts[0].activate()            # the first context's replica is updated
        for name in trained:
            self._updater(name, self._step_gradient(name), self._group.param(name))
        self._group.copy_to_others(trained)
        self._updated = True

    def _step_gradient(self, name):
        """The gradient the update applies: the executor's own (one context, one process), else
        the kvstore's sum over contexts and workers in a buffer of its own, never in a grad_dict
        (with grad_req 'add' the others' gradients would be counted again next step)."""
        grads = [exe.grad_dict[name] for ctx, exe, _ in self._group.parts()]
        if self._kvstore is None:
            return grads[0].data_array
        if name not in self._grad_sums:
            self._grad_sums[name] = grads[0].copy()
            if self._kvstore.num_workers == 1:
                self._kvstore.init(name, grads)
        self._kvstore.pushpull(name, grads, out=self._grad_sums[name])
        return self._grad_sums[name].data_array

    def is_chief(self):
        """Whether this process logs and saves: all but rank 0's fellow workers in dist_sync."""
        return self._kvstore is None or self._kvstore.rank == 0

    def check_finite(self, epoch, nbatch):
        """Raise FloatingPointError naming the epoch, the batch and where, when the last batch's
        outputs or gradients, or the parameters, are not finite (finite.py)."""
        where = first_non_finite(self._group, self._symbol, self._param_names, self._data_names,
                                 self._label_names, self._optimizer.learning_rate, self._updated)
        if where is not None:
            raise FloatingPointError('Module.fit: training went non-finite at epoch %d, batch %d: '
                                     '%s' % (epoch, nbatch, where))

    def get_outputs(self, merge_multi_context=True):
        """The last forward's outputs as NDArrays, joined on the first context (MXNet's)."""
        self._need_bound('get_outputs')
        return [NDArray(a, self._contexts[0]) for a in self._group.outputs()]

    def get_input_grads(self, merge_multi_context=True):
        """The gradients of the inputs (bind with inputs_need_grad=True) as NDArrays."""
        self._need_bound('get_input_grads')
        return [NDArray(a, self._contexts[0]) for a in self._group.merged(
            lambda exe: [exe.grad(n) for n in self._data_names])]

    def update_metric(self, eval_metric, labels, pre_sliced=False):
        """Update `eval_metric` with the last batch; rows that were padding are left out."""
        outputs = self._group.outputs()
        executors = self._group.executors
        if labels is self._batch_labels and self._label_names and len(executors) == 1 and \
                len(as_list(labels)) == len(self._label_names):
            # the batch's own labels are already on the device: no second copy there
            labels = [executors[0].array(name) for name in self._label_names]
        keep = outputs[0].shape[0] - self._pad
        if self._pad:
            labels = [label[:keep] for label in as_list(labels)]
            outputs = [o[:keep] for o in outputs]
        eval_metric.update(as_list(labels), outputs)

    def install_monitor(self, mon):
        """Watch the first context's outputs and gradients with a Monitor (mx.mon.Monitor)."""
        self._monitor = mon

    # ----- saving -----
    def save_checkpoint(self, prefix, epoch, save_optimizer_states=False, remove_amp_cast=True):
        """`prefix-symbol.json` and `prefix-%04d.params` (and `.states` if asked)."""
        arg_params, aux_params = self.get_params()
        _model.save_checkpoint(prefix, epoch, self._symbol, arg_params, aux_params)
        if save_optimizer_states:
            self.save_optimizer_states('%s-%04d.states' % (prefix, epoch))

    def save_optimizer_states(self, fname):
        """The optimizer's state (momenta, ...) to `fname`."""
        if not self.optimizer_initialized:
            raise RuntimeError('Module.save_optimizer_states: call init_optimizer() (or fit()) '
                               'first')
        self._updater.save_states(fname)

    def load_optimizer_states(self, fname):
        """The optimizer's state from `fname`, onto the parameters' device."""
        self._updater.load_states(fname, self._contexts[0].xp)

    @staticmethod
    def load(prefix, epoch, load_optimizer_states=False, **kwargs):
        """A Module with the symbol and parameters of a checkpoint (bind it before use; fit and
        predict bind themselves). kwargs go to Module()."""
        symbol, arg_params, aux_params = _model.load_checkpoint(prefix, epoch)
        mod = Module(symbol=symbol, **kwargs)
        mod._arg_params, mod._aux_params = arg_params, aux_params
        mod._params_source = '%s-%04d.params' % (prefix, epoch)
        mod.params_initialized = True
        if load_optimizer_states:
            mod._preload_opt_states = '%s-%04d.states' % (prefix, epoch)
        return mod
