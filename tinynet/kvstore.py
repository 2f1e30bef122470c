"""KVStore: where the gradients of data-parallel training meet, as MXNet's (`mx.kv`).

    kv = mx.kv.create('local')
    kv.init('w', nd.zeros((2, 3)))
    kv.push('w', [grad_on_cpu0, grad_on_cpu1])     # a list is summed: the data-parallel step
    kv.pull('w', out=[w_on_cpu0, w_on_cpu1])       # every replica gets the stored value

With `set_optimizer`, a push updates the stored weight with the summed gradient instead of
replacing it (MXNet's update_on_kvstore). 'local' and 'device' sum in this process ('device' is
the same here: tinynet has no peer-to-peer GPU copies). 
'dist_sync' (and 'dist_device_sync', the same with one device per process) spans the processes of
an MPI job (mpiexec -n N ...; pip install -e ".[dist]" for mpi4py and mpich): `init` keeps rank 0's
value everywhere, `push` sums over the local replicas and then over all workers with one
allreduce, so every worker stores and applies the same thing. 'dist_async' and the parameter-server
roles are not supported.
"""
import numpy as np

from . import optimizer as _optimizer
from .backend import copy_into, to_device, to_numpy
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


def sum_replicas(arrays, xp):
    """The sum of a list of arrays, in a new array on `xp`: `a + b` is one pass over memory
    where a copy followed by `+=` would be two."""
    arrays = [to_device(a, xp) for a in arrays]
    total = arrays[0] + arrays[1] if len(arrays) > 1 else arrays[0].copy()
    for a in arrays[2:]:
        total += a
    return total


class KVStore:
    """One process's store: the rank 0 of 1 worker."""

    def __init__(self, kind='local'):
        self._type = kind
        self._store = {}
        self._updater = None

    @property
    def type(self):
        """The kind this store was made as: 'local', 'device', 'dist_sync', ..."""
        return self._type

    @property
    def rank(self):
        """This worker's number among num_workers (0 in one process)."""
        return 0

    @property
    def num_workers(self):
        """How many processes share this store (1 but for dist_sync)."""
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
            stored.context.activate()             # the sum is made where the value is stored
            total = self._sum(sum_replicas([r.data_array for r in replicas], xp), xp)
            if self._updater is not None:
                self._updater(k, total, stored.data_array)
            else:
                copy_into(stored.data_array, total)

    def _sum(self, total, xp):
        """The sum over workers of each worker's `total`: with one worker, `total` itself."""
        return total

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

    def _set_updater(self, updater):
        """Make push() call updater(key, pushed, stored) (NDArrays) to change the stored value in
        place, instead of storing the sum: MXNet's _set_updater, which its kvstore guide uses."""
        self._updater = lambda key, total, stored: updater(key, NDArray(total), NDArray(stored))

    def set_optimizer(self, optimizer):
        """Make push() update the stored weight with the pushed gradient (MXNet's update_on_kvstore)
        through `optimizer`'s updater."""
        self._updater = _optimizer.get_updater(optimizer)

    def barrier(self):
        """Wait for every worker: with one, there is no one to wait for."""

    _barrier = barrier      # MXNet 1.9's spelling

    def save_optimizer_states(self, fname, dump_optimizer=False):
        """Save the updater's states (set_optimizer first) to `fname`."""
        if self._updater is None:
            raise RuntimeError('KVStore.save_optimizer_states: set_optimizer() first')
        self._updater.save_states(fname)

    def load_optimizer_states(self, fname):
        """Load the updater's states that save_optimizer_states wrote."""
        if self._updater is None:
            raise RuntimeError('KVStore.load_optimizer_states: set_optimizer() first')
        self._updater.load_states(fname, self._store_xp())

    def _store_xp(self):
        """The array module of the stored values (numpy when nothing is stored yet)."""
        return next(iter(self._store.values())).context.xp if self._store else np


class DistKVStore(KVStore):
    """The workers of one MPI job: the sums are allreduces over MPI.COMM_WORLD."""

    def __init__(self, kind):
        super().__init__(kind)
        try:
            from mpi4py import MPI
        except ImportError:
            raise ImportError("kvstore %r needs MPI: pip install -e \".[dist]\" (mpi4py and mpich), "
                              "then start the workers with mpiexec -n N python ..." % kind) \
                from None
        self._mpi = MPI
        self._comm = MPI.COMM_WORLD

    @property
    def rank(self):
        return self._comm.Get_rank()

    @property
    def num_workers(self):
        return self._comm.Get_size()

    def init(self, key, value):
        """Store `value` as rank 0 has it, on every worker (the first broadcast of training)."""
        super().init(key, value)
        for k in _keys_values(key, value, 'init')[0]:
            stored = self._store[k]
            host = np.ascontiguousarray(to_numpy(stored.data_array))
            self._comm.Bcast(host, root=0)
            copy_into(stored.data_array, host)

    def _sum(self, total, xp):
        host = np.ascontiguousarray(to_numpy(total))
        self._comm.Allreduce(self._mpi.IN_PLACE, host, op=self._mpi.SUM)
        return to_device(host, xp)

    def barrier(self):
        self._comm.Barrier()

    _barrier = barrier


def create(name='local'):
    """'local' or 'device' (this process), 'dist_sync' or 'dist_device_sync' (an MPI job); a
    KVStore passes through."""
    if isinstance(name, KVStore):
        return name
    if name in ('local', 'device'):
        return KVStore(name)
    if name in ('dist_sync', 'dist_device_sync'):
        return DistKVStore(name)
    if name in ('dist_async', 'dist', 'horovod', 'byteps'):
        raise ValueError("kvstore.create: %r is not supported; tinynet trains across processes "
                         "with 'dist_sync' only" % (name,))
    raise ValueError("kvstore.create: unknown kvstore %r; use 'local', 'device' or 'dist_sync'"
                     % (name,))
