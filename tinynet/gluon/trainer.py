"""Trainer: applies an optimizer to a block's parameters after backward, as MXNet Gluon's.

    trainer = gluon.Trainer(net.collect_params(), 'sgd', {'learning_rate': 0.1})
    with autograd.record():
        loss = loss_fn(net(x), y)
    loss.backward()
    trainer.step(batch_size)         # gradients rescaled by 1 / batch_size, then the update

With several contexts each parameter has a replica per context, and each replica got the
gradient of its own slice of the batch. `step` first sums the replicas' gradients (what MXNet's
local kvstore does) and writes the sum back to every replica, then updates the first replica and
copies the new value to the others: every replica holds the same weights after every step.
"""
from .. import kvstore as _kvstore
from .. import optimizer as _optimizer
from ..backend import copy_into
from .parameter import ParameterDict


class StaleGradientError(RuntimeError, UserWarning):
    """A parameter's gradient was not written by backward since the last step. MXNet raises
    UserWarning here (code catches that class); this is both that and a RuntimeError."""


def _check_batch_size(batch_size):
    if isinstance(batch_size, bool) or not isinstance(batch_size, (int, float)) or \
            not batch_size > 0:
        raise ValueError('Trainer.step: batch_size must be a positive number (the gradients are '
                         'divided by it), got %r' % (batch_size,))


class Trainer:
    """Applies an optimizer to a set of Parameters (MXNet's gluon.Trainer).

    params: a ParameterDict (net.collect_params()), a dict or a list of Parameters; optimizer: a
    name ('sgd', 'adam', ...) or an Optimizer; optimizer_params: its arguments, e.g.
    {'learning_rate': 0.1} (a 'rescale_grad' there multiplies the 1 / batch_size of each step);
    kvstore='device': where the replicas of several contexts meet ('local'/'device'; 'dist_sync'
    across processes; None: no kvstore); compression_params, update_on_kvstore: accepted and
    ignored. step(batch_size) = allreduce_grads() then update(batch_size)."""

    def __init__(self, params, optimizer, optimizer_params=None, kvstore='device',
                 compression_params=None, update_on_kvstore=None):
        if isinstance(params, ParameterDict):
            params = list(params.values())
        elif isinstance(params, dict):
            params = list(params.values())
        self._params = list(params)
        if not self._params:
            raise ValueError('Trainer: no parameters given')
        self._kvstore_asked = kvstore
        self._kvstore = None             # where the replicas' gradients meet: see _init_kvstore
        self._kv_initialized = False
        self._kv_keys = set()
        self._broadcast_done = False
        optimizer_params = dict(optimizer_params or {})
        self._scale = optimizer_params.pop('rescale_grad', 1.0)
        self._optimizer = _optimizer.create(optimizer, **optimizer_params) \
            if isinstance(optimizer, str) else optimizer
        # each parameter's own lr_mult and wd_mult, as MXNet's Trainer hands them over (so a
        # bias gets weight decay too, as in MXNet Gluon, unless its wd_mult is 0)
        self._optimizer.param_dict = {p.name: p for p in self._params}
        self._updater = _optimizer.get_updater(self._optimizer)
        if all(p.is_initialized for p in self._params):
            self._broadcast_initial_values()

    def _init_kvstore(self):
        """As MXNet's Trainer: a kvstore named by a string is made only when there is something
        to meet, several contexts or several processes ('dist...'); one context in one process
        updates its parameters directly. A KVStore object is always used."""
        if self._kv_initialized:
            return
        self._kv_initialized = True
        asked = self._kvstore_asked
        if asked is None:
            return
        if isinstance(asked, str) and 'dist' not in asked:
            contexts = {ctx for p in self._params for ctx in p.list_ctx()}
            if len(contexts) == 1:
                _kvstore.create(asked)               # still refuses an unknown name
                return
        self._kvstore = _kvstore.create(asked)

    def _broadcast_initial_values(self):
        """Across workers, every one starts from rank 0's parameters: here when the Trainer is
        made (or, for parameters whose shapes were not known yet, at the first step: then the
        first batch's gradients come from each worker's own initial values, as in MXNet)."""
        self._init_kvstore()
        if self._broadcast_done or self._kvstore is None or self._kvstore.num_workers == 1:
            return
        self._broadcast_done = True
        for param in self._params:
            replicas = param.list_data()
            self._kvstore.broadcast('initial:' + param.name, replicas[0], out=replicas)

    @property
    def learning_rate(self):
        """The optimizer's current learning rate, as a number."""
        return self._optimizer.learning_rate

    @property
    def optimizer(self):
        """The Optimizer this Trainer applies."""
        return self._optimizer

    def set_learning_rate(self, lr):
        """Set the optimizer's learning rate to `lr` (from the next step)."""
        self._optimizer.set_learning_rate(lr)

    def step(self, batch_size, ignore_stale_grad=False):
        """Sum each parameter's gradients over its replicas (and over the workers of a dist_sync
        kvstore), then update with rescale_grad = 1 / batch_size (times the Trainer's own
        rescale_grad). Across N workers, pass the batch of all of them (N times each worker's)
        for the update one process would make on the combined batch."""
        _check_batch_size(batch_size)
        self._broadcast_initial_values()
        self._optimizer.rescale_grad = self._scale / batch_size
        self.allreduce_grads(ignore_stale_grad)
        self.update(batch_size, ignore_stale_grad, _rescaled=True)

    def _trainable(self):
        return [p for p in self._params if p.grad_req != 'null']

    def allreduce_grads(self, ignore_stale_grad=False):
        """Sum the gradients of every parameter's replicas into each of them."""
        self._init_kvstore()
        for param in self._trainable():
            replicas = param.list_data()
            fresh = [r.fresh_grad for r in replicas]
            if not all(fresh):
                if ignore_stale_grad:
                    continue
                stale = [str(r.context) for r, f in zip(replicas, fresh) if not f]
                raise StaleGradientError(
                    'Trainer.step: the gradient of parameter %r on %s has not been updated by '
                    'backward since the last step. Call backward on a loss that depends on it, '
                    'or pass ignore_stale_grad=True to skip such parameters.'
                    % (param.name, ', '.join(stale)))
            if len(replicas) == 1 and self._kvstore is None:
                continue
            grads = [r.grad for r in replicas]
            if self._kvstore is not None:
                if param.name not in self._kv_keys:
                    self._kvstore.init(param.name, grads)
                    self._kv_keys.add(param.name)
                self._kvstore.pushpull(param.name, grads)       # the sum, into every replica
                continue
            total = _kvstore.sum_replicas([g.data_array for g in grads], replicas[0].context.xp)
            for g in grads:
                copy_into(g.data_array, total)

    def update(self, batch_size, ignore_stale_grad=False, _rescaled=False):
        """The optimizer's step on every parameter (gradients already summed)."""
        if not _rescaled:
            _check_batch_size(batch_size)
            self._optimizer.rescale_grad = self._scale / batch_size
        for param in self._trainable():
            replicas = param.list_data()
            if not all(r.fresh_grad for r in replicas):
                continue                     # stale and ignored (allreduce_grads raised otherwise)
            first = replicas[0]
            self._updater(param.name, first.grad.data_array, first.data_array)
            for r in replicas:
                r.fresh_grad = False
                if r is not first:
                    copy_into(r.data_array, first.data_array)

    def save_states(self, fname):
        """The optimizer's state (momenta, ...) to `fname`."""
        self._updater.save_states(fname)

    def load_states(self, fname):
        """The optimizer's state from `fname`, onto the parameters' first context."""
        self._updater.load_states(fname, self._params[0].list_ctx()[0].xp)
