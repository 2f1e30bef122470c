"""Automatic names for symbols, MXNet's mx.name: an op made without a name gets
<hint><n> (fullyconnected0, fullyconnected1, ...) from the current NameManager.

    with mx.name.Prefix('net1_'):
        fc = mx.sym.FullyConnected(data, num_hidden=10)   # net1_fullyconnected0
        out = mx.sym.relu(fc, name='act')                  # net1_act: the prefix applies to
                                                           # given names too, as in MXNet
A NameManager entered with `with` counts from 0 again; leaving it restores the one before.
"""
import threading


class NameManager:
    """Counts per hint: get(name, hint) returns `name` when given, else hint + the next number."""
    _state = threading.local()

    def __init__(self):
        self._counter = {}
        self._given = set()
        self._old_manager = None

    def get(self, name, hint):
        """The name to use: `name` if given, else '%s%d' % (hint, count of hint so far), skipping
        names given explicitly before (tinynet refuses two layers of one name in a graph, which
        MXNet allows: an Activation named 'relu1' and a later automatic 'relu1' would clash)."""
        if name:
            self._given.add(name)
            return name
        while True:
            number = self._counter.get(hint, 0)
            self._counter[hint] = number + 1
            if '%s%d' % (hint, number) not in self._given:
                return '%s%d' % (hint, number)

    def __enter__(self):
        self._old_manager = current()
        NameManager._state.value = self
        return self

    def __exit__(self, *exc):
        NameManager._state.value = self._old_manager


class Prefix(NameManager):
    """A NameManager that puts `prefix` in front of every name, given or made."""

    def __init__(self, prefix):
        super().__init__()
        self._prefix = prefix

    def get(self, name, hint):
        return self._prefix + super().get(name, hint)


class BlockPrefix(NameManager):
    """The names of the ops a Gluon block's hybrid_forward makes while it is traced: a name
    made for an op given none gets the block's prefix (resnetv10_stage1_activation0, as
    MXNet names them); a name given (the layers' own, already prefixed) is kept."""

    def __init__(self, prefix):
        super().__init__()
        self._prefix = prefix

    def get(self, name, hint):
        return super().get(name, hint) if name else self._prefix + super().get(name, hint)


_PROCESS = NameManager()      # the one in use outside any `with`: counts for the whole process


def current():
    """The NameManager in use (this thread's innermost `with`, else the process's)."""
    return getattr(NameManager._state, 'value', None) or _PROCESS
