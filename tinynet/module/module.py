"""Module: one symbol bound to one executor, its parameters and its optimizer.

    mod = mx.mod.Module(symbol=net, context=mx.cpu())
    mod.bind(data_shapes=it.provide_data, label_shapes=it.provide_label)
    mod.init_params(mx.init.Uniform(0.01)); mod.init_optimizer(optimizer='sgd')
    mod.forward(batch, is_train=True); mod.backward(); mod.update()    # what fit does per batch

The loops (fit, score, predict) are BaseModule's. One executor does the work: forward, backward,
then the optimizer updates each parameter in place.
"""
import logging
import math

from .. import kvstore as _kvstore
from .. import model as _model
from .. import optimizer as _optimizer
from ..backend import Context, cpu, get_array_module, to_device, to_numpy
from ..initializer import Uniform
from ..io import DataDesc
from ..ndarray import NDArray
from ..symbol import is_label
from ..util import as_list, warn_ignored
from .base_module import BaseModule


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


def split_slices(batch_size, work_load):
    """The rows of a batch each context takes: shares proportional to `work_load`, rounded, the
    last taking what rounding leaves (MXNet's _split_input_slice)."""
    total = float(sum(work_load))
    sizes = [int(round(w * batch_size / total)) for w in work_load]
    sizes[-1] += batch_size - sum(sizes)
    if min(sizes) < 1:
        raise ValueError('Module: a batch of %d rows cannot give every one of %d contexts a row '
                         '(work_load_list %s)' % (batch_size, len(work_load), list(work_load)))
    bounds = [sum(sizes[:i]) for i in range(len(sizes) + 1)]
    return [slice(bounds[i], bounds[i + 1]) for i in range(len(sizes))]


def _all_finite(arrays):
    """Whether every number of `arrays` is finite: one sum per array, in the arrays' own dtype
    (NaN and infinity survive a sum; twice as fast as summing in float64, 0.9% of a LeNet step
    for all the checks). Finite values can only overflow such a sum when they are around 1e32,
    which is a diverged training run too."""
    total = 0.0
    for a in arrays:
        total += float(a.sum())
    return math.isfinite(total)


def _count_non_finite(array):
    return int((~get_array_module(array).isfinite(array)).sum())


def _descs(shapes):
    return [s if isinstance(s, DataDesc) else DataDesc(*s) for s in (shapes or [])]


class Module(BaseModule):

    def __init__(self, symbol, data_names=('data',), label_names=('softmax_label',), logger=logging,
                 context=None, work_load_list=None, fixed_param_names=None, state_names=None,
                 group2ctxs=None, compression_params=None):
        super().__init__(logger)
        contexts = [Context(c) for c in as_list(context)] or [cpu()]
        if len(set(contexts)) != len(contexts):
            raise ValueError('Module: context lists %s more than once' % contexts)
        work_load_list = list(work_load_list) if work_load_list is not None else [1] * len(contexts)
        if len(work_load_list) != len(contexts) or not all(
                isinstance(w, (int, float)) and not isinstance(w, bool) and w > 0
                for w in work_load_list):
            raise ValueError('Module: work_load_list must give one positive number per context '
                             '(%d), got %r' % (len(contexts), work_load_list))
        for name, value in (('group2ctxs', group2ctxs), ('compression_params', compression_params),
                            ('state_names', state_names)):
            warn_ignored('Module', name, value, None)
        # Several contexts: the batch is split across them by work_load_list, one executor each
        # (MXNet's DataParallelExecutorGroup); their gradients are summed before the update.
        self._contexts, self._work_load = contexts, work_load_list
        self._context = contexts[0]
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
        self._data_shapes, self._label_shapes = None, None     # set by bind()
        self._exec = None          # the executor of the first context
        self._others = []          # (context, executor) of the other contexts
        self._slices = []          # the rows of a batch each context takes
        self._arg_params = self._aux_params = None
        self._preload_opt_states = None
        self._preload_allow = (False, False)     # set_params' allow_missing, allow_extra before bind
        self._kvstore = None                     # a dist_sync KVStore when training across processes
        self._updater = self._optimizer = None
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
        types = {d.name: d.dtype for d in self._data_shapes + self._label_shapes}
        self._slices = split_slices(self._data_shapes[0].shape[0], self._work_load)
        executors = []
        for ctx, rows in zip(self._contexts, self._slices):
            shapes = {d.name: (rows.stop - rows.start,) + tuple(d.shape[1:])
                      for d in self._data_shapes + self._label_shapes}
            executors.append(self._symbol.simple_bind(ctx, grad_req=reqs, type_dict=types,
                                                      **shapes))
        self._exec = executors[0]
        self._others = list(zip(self._contexts[1:], executors[1:]))
        if shared_module is not None and shared_module.params_initialized:
            self.set_params(*shared_module.get_params())
        elif previous is not None:
            self._exec.copy_params_from(*previous)
            self._copy_params_to_others()
        self.binded = True
        if shared_module is None and previous is None and self._arg_params is not None:
            # set_params() or Module.load() before bind(): every parameter must be there, with
            # its shape, and nothing else (init_params names each one that is not)
            allow_missing, allow_extra = self._preload_allow
            self.init_params(None, self._arg_params, self._aux_params, allow_missing=allow_missing,
                             force_init=True, allow_extra=allow_extra)

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
        self._copy_params_to_others()
        self.params_initialized = True
        self._arg_params, self._aux_params = None, None

    def _copy_params_to_others(self):
        """Every other context's executor gets the first one's parameters and auxiliary states."""
        for ctx, exe in self._others:
            for source, target in ((self._exec.arg_dict, exe.arg_dict),
                                   (self._exec.aux_dict, exe.aux_dict)):
                for name in self._param_names + self._aux_names:
                    if name in source and name in target:
                        target[name][...] = to_device(source[name], ctx.xp)

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
        params = _optimizer_params(optimizer_params)
        # Across processes (dist_sync), gradients are summed over the workers before the update,
        # so the average divides by every worker's batch (MXNet's rule).
        distributed = isinstance(kvstore, _kvstore.KVStore) or \
            (isinstance(kvstore, str) and kvstore.startswith('dist'))
        self._kvstore = _kvstore.create(kvstore) if distributed else None
        workers = self._kvstore.num_workers if self._kvstore is not None else 1
        if 'rescale_grad' not in params:
            params['rescale_grad'] = 1.0 / (self._data_shapes[0].shape[0] * workers)
        if self._kvstore is not None:
            # every worker starts from rank 0's parameters
            for name in sorted(self._param_names):
                array = NDArray(self._exec.arg_dict[name])
                self._kvstore.init(name, array)
                self._kvstore.pull(name, out=array)
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
            self._preload_allow = (allow_missing, allow_extra)     # checked when bind() comes
            self.params_initialized = True
            return
        self.init_params(None, arg_params, aux_params, allow_missing, force_init=True,
                         allow_extra=allow_extra)

    # ----- one batch -----
    def forward(self, data_batch, is_train=None):
        is_train = self.for_training if is_train is None else is_train
        data = as_list(data_batch.data)
        labels = as_list(data_batch.label)
        batch_size = data[0].shape[0]
        if batch_size != self._slices[-1].stop:
            self._reshape(batch_size, data, labels)
        for i, (ctx, exe) in enumerate([(self._context, self._exec)] + self._others):
            rows = self._slices[i]
            part = (lambda a: a[rows]) if self._others else (lambda a: a)   # one context: all
            arg_dict, xp = exe.arg_dict, ctx.xp
            for name, array in zip(self._data_names, data):
                arg_dict[name] = self._input_array((i, name), part(array), arg_dict[name], xp)
            if is_train or labels:
                for name, array in zip(self._label_names, labels):
                    arg_dict[name][...] = to_device(part(array), xp).reshape(arg_dict[name].shape)
            exe.forward(is_train=is_train)
        self._pad = data_batch.pad or 0
        self._batch_labels = data_batch.label    # update_metric uses the device copy of these
        if self._monitor is not None:
            self._monitor.collect(self._exec, 'forward')

    def _input_array(self, key, array, bound, xp):
        """The array the executor reads input `name` from for this batch. The batch's own array when
        it already has the device, shape and dtype bound: ops never write to their inputs, so this
        saves copying every batch. Otherwise the batch is copied into a buffer of our own; never
        into `array`, which belongs to the caller."""
        if type(array) is type(bound) and array.shape == bound.shape and array.dtype == bound.dtype:
            return array
        buffer = self._input_buffers.get(key)
        if buffer is None or buffer.shape != bound.shape or buffer.dtype != bound.dtype:
            buffer = self._input_buffers[key] = xp.empty(bound.shape, dtype=bound.dtype)
        buffer[...] = to_device(array, xp)
        return buffer

    def _reshape(self, batch_size, data, labels):
        """New executors for another batch size, sharing the parameters' arrays."""
        self._slices = split_slices(batch_size, self._work_load)
        executors = []
        for exe, rows in zip([self._exec] + [e for _, e in self._others], self._slices):
            size = rows.stop - rows.start
            shapes = {name: (size,) + tuple(a.shape[1:]) for name, a in zip(self._data_names, data)}
            for name in self._label_names:
                shapes[name] = (size,) + tuple(exe.arg_dict[name].shape[1:])
            executors.append(exe.reshape(**shapes))
        self._exec = executors[0]
        self._others = [(ctx, exe) for (ctx, _), exe in zip(self._others, executors[1:])]

    def backward(self, out_grads=None):
        self._exec.backward(out_grads)
        for _, exe in self._others:
            exe.backward(out_grads)
        if self._monitor is not None:
            self._monitor.collect(self._exec, 'backward')

    def update(self):
        """One optimizer step for every trainable parameter (gradients are already in grad_dict)."""
        if not self.optimizer_initialized:
            raise RuntimeError('Module.update: call init_optimizer() first')
        for name in self._param_names:
            if name in self._exec.grad_dict:
                self._updater(name, self._step_gradient(name), self._exec.arg_dict[name])
        self._copy_weights_to_others()

    def _step_gradient(self, name):
        """The gradient the update applies: with one context in one process, the executor's own;
        else the sum over contexts (and, with a dist kvstore, over workers) in a new array. Never
        summed into a context's grad_dict in place: with grad_req 'add' each one keeps
        accumulating its own gradients, and the others' would be counted again next step."""
        grad = self._exec.grad_dict[name]
        if not self._others and self._kvstore is None:
            return grad
        grad = _kvstore.sum_replicas([grad] + [exe.grad_dict[name] for _, exe in self._others],
                                     self._context.xp)
        if self._kvstore is not None:
            self._kvstore.pushpull(name, NDArray(grad))   # the sum over workers (one allreduce)
        return grad

    def _copy_weights_to_others(self):
        for ctx, exe in self._others:
            for name in self._param_names:
                if name in exe.grad_dict:
                    exe.arg_dict[name][...] = to_device(self._exec.arg_dict[name], ctx.xp)

    def is_chief(self):
        """Whether this process logs and writes checkpoints: always, but for the workers other
        than rank 0 of a dist_sync job."""
        return self._kvstore is None or self._kvstore.rank == 0

    # ----- finding where NaN starts -----
    def check_finite(self, phase, epoch, nbatch):
        """After 'backward': every context's outputs and gradients; after 'update': the parameters
        (the same on every context). Cheap (one float64 sum of each array) while all is well; when
        not, finds where it started."""
        if phase == 'backward':
            where = None
            for exe in [self._exec] + [e for _, e in self._others]:
                where = self._why_not_finite(exe)
                if where is not None:
                    break
            if where is None:
                return
            if self._others:
                where = 'on %s, %s' % (exe.ctx, where)
        else:
            if _all_finite([self._exec.arg_dict[n] for n in self._param_names]):
                return
            where = self._locate_bad_update()
        raise FloatingPointError('Module.fit: training went non-finite at epoch %d, batch %d: %s'
                                 % (epoch, nbatch, where))

    def _why_not_finite(self, exe):
        """None when this executor's outputs and gradients are finite and its loss is too; else
        what went wrong where."""
        if not _all_finite(list(exe.outputs) + list(exe.grad_dict.values())):
            return self._locate_non_finite(exe)
        certain_and_wrong = self._zero_probability_labels(exe)
        if not certain_and_wrong:
            return None
        return ('the loss is infinite: the network gives probability 0 to the true class of %d of '
                'the batch\'s samples (its outputs have saturated); the learning rate (%s) is '
                'likely too large' % (certain_and_wrong, self._optimizer.learning_rate))

    def _zero_probability_labels(self, exe):
        """How many rows of a SoftmaxOutput head give their label probability 0 (an infinite
        cross-entropy loss, though every number is finite)."""
        head = self._symbol.output_nodes[0]
        if type(head.op).__name__ != 'SoftmaxOutput' or not self._label_names or \
                exe.outputs[0].ndim != 2:
            return 0
        p = exe.outputs[0]
        label = exe.arg_dict[self._label_names[0]].reshape(-1).astype('int64')
        if label.shape[0] != p.shape[0]:
            return 0
        xp = get_array_module(p)
        return int((p[xp.arange(p.shape[0]), label] == 0).sum())

    def _layers(self):
        """(op node, [parameter names]) of every layer, in forward order."""
        return [(node, [c.name for c in node.inputs if c.is_variable and
                        c.name in self._param_names]) for node in self._symbol.topological_nodes()
                if node.op is not None]

    def _locate_non_finite(self, exe):
        """The first layer, in forward order, whose output or gradient is not finite, found by
        running the batch (still bound to `exe`, the parameters not yet updated) forward and back
        again."""
        for name in self._data_names:
            if not _all_finite([exe.arg_dict[name]]):
                return ("the batch's input %r holds %d NaN or infinite values: the data itself is "
                        "not finite" % (name, _count_non_finite(exe.arg_dict[name])))
        exe.forward(is_train=True)
        outputs = dict(exe.internal_outputs())
        for node, params in self._layers():
            if not _all_finite([outputs[node.name + '_output']]):
                bad = [p for p in params if not _all_finite([exe.arg_dict[p]])]
                return ('the output of layer %r (%s) is the first that is not finite%s' % (
                    node.name, type(node.op).__name__,
                    '; its parameters %s already are not' % bad if bad else ''))
        exe.backward()
        for node, params in self._layers():
            bad = [p for p in params if p in exe.grad_dict and not _all_finite([exe.grad_dict[p]])]
            if bad:
                return ('the gradient of layer %r (%s), for %s, is the first that is not finite; '
                        'the learning rate may be too large' % (node.name, type(node.op).__name__,
                                                                ', '.join(bad)))
        return ('the outputs or gradients are so large that their sums overflow (no single value '
                'is infinite): training has diverged; the learning rate may be too large')

    def _locate_bad_update(self):
        exe = self._exec
        for node, params in self._layers():
            bad = [p for p in params if not _all_finite([exe.arg_dict[p]])]
            if bad:
                return ('the update made the parameters %s of layer %r non-finite while their '
                        'gradients were finite: the learning rate (%s) is too large' % (
                            bad, node.name, self._optimizer.learning_rate))
        return ('the parameters are so large after the update that their sums overflow: training '
                'has diverged; the learning rate (%s) is too large' % self._optimizer.learning_rate)

    def get_outputs(self, merge_multi_context=True):
        """The outputs of the last forward as NDArrays (MXNet's `mod.get_outputs()[0].asnumpy()`);
        with several contexts, joined on the first one. The next forward overwrites them."""
        self._need_bound('get_outputs')
        return [NDArray(a, self._context) for a in self._merged(lambda exe: exe.outputs)]

    def _merged(self, arrays_of):
        if not self._others:
            return list(arrays_of(self._exec))
        xp = self._context.xp
        parts = [arrays_of(self._exec)] + [arrays_of(exe) for _, exe in self._others]
        return [xp.concatenate([to_device(p[i], xp) for p in parts]) for i in range(len(parts[0]))]

    def get_input_grads(self, merge_multi_context=True):
        """The gradients of the inputs (bind with inputs_need_grad=True) as NDArrays."""
        self._need_bound('get_input_grads')
        return [NDArray(a, self._context)
                for a in self._merged(lambda exe: [exe.grad_dict[n] for n in self._data_names])]

    def update_metric(self, eval_metric, labels, pre_sliced=False):
        """Update `eval_metric` with the last batch; rows that were padding are left out."""
        outputs = self._merged(lambda exe: exe.outputs)
        if labels is self._batch_labels and self._label_names and not self._others and \
                len(as_list(labels)) == len(self._label_names):
            # the batch's own labels are already on the device: no second copy there
            labels = [self._exec.arg_dict[name] for name in self._label_names]
        keep = outputs[0].shape[0] - self._pad
        if self._pad:
            labels = [l[:keep] for l in as_list(labels)]
            outputs = [o[:keep] for o in outputs]
        eval_metric.update(as_list(labels), outputs)

    def install_monitor(self, mon):
        self._monitor = mon

    # ----- saving -----
    def save_checkpoint(self, prefix, epoch, save_optimizer_states=False, remove_amp_cast=True):
        """`prefix-symbol.json` and `prefix-%04d.params` (and `.states` if asked)."""
        arg_params, aux_params = self.get_params()
        _model.save_checkpoint(prefix, epoch, self._symbol, arg_params, aux_params)
        if save_optimizer_states:
            self.save_optimizer_states('%s-%04d.states' % (prefix, epoch))

    def save_params(self, fname):
        _model.save_params(fname, *self.get_params())

    def load_params(self, fname):
        self.set_params(*_model.load_params(fname))

    def save_optimizer_states(self, fname):
        if not self.optimizer_initialized:
            raise RuntimeError('Module.save_optimizer_states: call init_optimizer() (or fit()) '
                               'first')
        _model.save_optimizer_states(fname, self._updater.states)

    def load_optimizer_states(self, fname):
        xp = self._context.xp
        for name, state in _model.load_optimizer_states(fname).items():
            self._updater.states[name] = tuple(to_device(a, xp) for a in state) \
                if isinstance(state, tuple) else to_device(state, xp)

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
