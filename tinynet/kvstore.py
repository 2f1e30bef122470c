"""KVStore: where the gradients of data-parallel training meet, as MXNet's (`mx.kv`).

    kv = mx.kv.create('local')
    kv.init('w', nd.zeros((2, 3)))
    kv.push('w', [grad_on_cpu0, grad_on_cpu1])     # a list is summed: the data-parallel step
    kv.pull('w', out=[w_on_cpu0, w_on_cpu1])       # every replica gets the stored value

With `set_optimizer`, a push updates the stored weight with the summed gradient instead of
replacing it (MXNet's update_on_kvstore). 'local' and 'device' sum in this process ('device' is
the same here: tinynet has no peer-to-peer GPU copies). The kinds that span processes
('dist_sync', 'dist_device_sync', 'dist_async') and the parameter-server roles are not built yet:
asking for one is a clear error.
"""
from . import optimizer as _optimizer
from .backend import to_device
from .model import load_optimizer_states, save_optimizer_states
from .ndarray import NDArray


def _keys_values(key, value, what):
    """(keys, values) as lists; a list value for one key is that key's list of replicas."""
    if isinstance(key, (list, tuple)):
        if not isinstance(value, (list, tuple)) or len(value) != len(key):
            raise ValueError('KVStore.%s: %d keys need a list of %d values' % (what, len(key),
                                                                               len(key)))
        return list(key), list(value)
    return [key], [value]


def _replicas(value):
    return list(value) if isinstance(value, (list, tuple)) else [value]


class KVStore:
    """One process's store: the rank 0 of 1 worker."""

    def __init__(self, kind='local'):
        self._type = kind
        self._store = {}
        self._updater = None

    @property
    def type(self):
        return self._type

    @property
    def rank(self):
        return 0

    @property
    def num_workers(self):
        return 1

    def init(self, key, value):
        """Store a copy of `value` (the first replica when it is a list) under `key`."""
        for k, v in zip(*_keys_values(key, value, 'init')):
            if k in self._store:
                raise ValueError('KVStore.init: key %r is already initialized' % (k,))
            first = _replicas(v)[0]
            self._store[k] = first.copy()

    def _get(self, key, what):
        if key not in self._store:
            raise KeyError('KVStore.%s: key %r was never init()-ed' % (what, key))
        return self._store[key]

    def push(self, key, value, priority=0):
        """Sum the list of replicas of `value` and store it (or, with an optimizer set, update the
        stored weight with that sum as its gradient)."""
        for k, v in zip(*_keys_values(key, value, 'push')):
            stored = self._get(k, 'push')
            replicas = _replicas(v)
            for r in replicas:
                if r.shape != stored.shape:
                    raise ValueError('KVStore.push: key %r holds shape %s, a pushed value has %s'
                                     % (k, stored.shape, r.shape))
            xp = stored.context.xp
            total = to_device(replicas[0].data_array, xp).copy()
            for r in replicas[1:]:
                total += to_device(r.data_array, xp)
            if self._updater is not None:
                self._updater(k, total, stored.data_array)
            else:
                stored.data_array[...] = total

    def pull(self, key, out=None, priority=0, ignore_sparse=True):
        """Copy the stored value into `out` (an NDArray, or a list of replicas)."""
        if out is None:
            raise ValueError('KVStore.pull: give out=, the arrays to copy the value into')
        for k, o in zip(*_keys_values(key, out, 'pull')):
            stored = self._get(k, 'pull')
            for target in _replicas(o):
                if not isinstance(target, NDArray):
                    raise TypeError('KVStore.pull: out must hold NDArrays, got %s'
                                    % type(target).__name__)
                stored.copyto(target)

    def pushpull(self, key, value, out=None, priority=0):
        """push then pull: the summed (or updated) value back into `out` (default: `value`)."""
        self.push(key, value, priority)
        self.pull(key, value if out is None else out, priority)

    def broadcast(self, key, value, out, priority=0):
        """init `key` with `value`, then pull it into `out` (rank 0's value everywhere)."""
        self.init(key, value)
        self.pull(key, out, priority)

    def set_optimizer(self, optimizer):
        self._updater = _optimizer.get_updater(optimizer)

    def barrier(self):
        """Wait for every worker: with one, there is no one to wait for."""

    _barrier = barrier      # MXNet 1.9's spelling

    def save_optimizer_states(self, fname, dump_optimizer=False):
        if self._updater is None:
            raise RuntimeError('KVStore.save_optimizer_states: set_optimizer() first')
        save_optimizer_states(fname, self._updater.states)

    def load_optimizer_states(self, fname):
        if self._updater is None:
            raise RuntimeError('KVStore.load_optimizer_states: set_optimizer() first')
        self._updater.states.update(load_optimizer_states(fname))


def create(name='local'):
    """'local' or 'device' (this process); a KVStore passes through."""
    if isinstance(name, KVStore):
        return name
    if name in ('local', 'device'):
        return KVStore(name)
    if name in ('dist_sync', 'dist_device_sync', 'dist_async', 'dist', 'horovod', 'byteps'):
        raise ValueError("kvstore.create: %r (training across processes) is not built yet in "
                         "tinynet; use 'local' or 'device'" % (name,))
    raise ValueError("kvstore.create: unknown kvstore %r; use 'local' or 'device'" % (name,))
