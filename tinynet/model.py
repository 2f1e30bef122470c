"""Checkpoints: `prefix-symbol.json` (the graph) and `prefix-%04d.params` (the parameters); the
optimizer's state beside them (`prefix-%04d.states`) is the Updater's (optimizer.py).

The params file is a NumPy .npz archive with keys `arg:<name>` and `aux:<name>` (MXNet's naming),
read with allow_pickle=False. Every file is written whole or not at all (fileio.atomic_write).
"""
from .backend import to_numpy
from .fileio import load_arrays, save_arrays
from .symbol import load as load_symbol
from .util import is_label


def save_params(fname, arg_params, aux_params=None):
    """Save arg_params and aux_params ({name: array}) to `fname` under the keys arg:name and aux:name,
    written whole or not at all."""
    arrays = {'arg:%s' % k: to_numpy(v) for k, v in arg_params.items()}
    arrays.update({'aux:%s' % k: to_numpy(v) for k, v in (aux_params or {}).items()})
    save_arrays(fname, arrays)


def load_params(fname):
    """(arg_params, aux_params), dicts of NumPy arrays."""
    arg_params, aux_params = {}, {}
    for key, value in load_arrays(fname, 'load_params', 'params').items():
        kind, _, name = key.partition(':')
        if kind == 'arg':
            arg_params[name] = value
        elif kind == 'aux':
            aux_params[name] = value
        else:
            raise ValueError("load_params: %s has an entry %r that is not 'arg:' or 'aux:'"
                             % (fname, key))
    return arg_params, aux_params


def save_checkpoint(prefix, epoch, symbol, arg_params, aux_params=None, remove_amp_cast=True):
    """The parameters first, then the graph, each written whole: a crash between the two leaves the
    previous pair as it was (the new params file is one it never used)."""
    save_params('%s-%04d.params' % (prefix, epoch), arg_params, aux_params)
    symbol.save('%s-symbol.json' % prefix)


def load_checkpoint(prefix, epoch):
    """(symbol, arg_params, aux_params) as saved by save_checkpoint."""
    symbol = load_symbol('%s-symbol.json' % prefix)
    arg_params, aux_params = load_params('%s-%04d.params' % (prefix, epoch))
    return symbol, arg_params, aux_params


def input_shape_of(symbol, arg_params):
    """(name, shape) of the network's one input, batch 1, when its parameters fix the rest: an
    MNIST network takes (1, 1, 28, 28) or (1, 784). None when it is not such a network."""
    inputs = [n for n in symbol.list_arguments() if n not in arg_params and not is_label(n)]
    if len(inputs) != 1:
        return None
    for shape in ((1, 1, 28, 28), (1, 784)):
        try:
            arg_shapes = symbol.infer_shape(**{inputs[0]: shape})[0]
        except ValueError:
            continue
        if arg_shapes and all(tuple(arg_params[n].shape) == tuple(s) for n, s in
                              zip(symbol.list_arguments(), arg_shapes) if n in arg_params):
            return inputs[0], shape
    return None
