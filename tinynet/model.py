"""Checkpoints: `prefix-symbol.json` (the graph) and `prefix-%04d.params` (the parameters); the
optimizer's state beside them (`prefix-%04d.states`) is the Updater's (optimizer.py).

The params file is in MXNet's NDArray file format with names `arg:<name>` and `aux:<name>`, as
MXNet's own (MXNet 1.9.1's Module.load reads tinynet's checkpoints). Every file is written whole or
not at all (fileio.atomic_write).
"""
from .backend import to_numpy
from .base import InvalidArgumentError
from .fileio import load_arrays, save_arrays
from .symbol import load as load_symbol
from .util import is_label


def save_params(fname, arg_params, aux_params=None):
    """Save arg_params and aux_params ({name: array}) to `fname` under the keys arg:name and aux:name,
    written whole or not at all."""
    arrays = {'arg:%s' % k: to_numpy(v) for k, v in arg_params.items()}
    arrays.update({'aux:%s' % k: to_numpy(v) for k, v in (aux_params or {}).items()})
    save_arrays(fname, arrays, 'save_params')


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
    """(symbol, arg_params, aux_params) as saved by save_checkpoint (or MXNet's), checked against
    each other: see check_params_fit."""
    symbol_file, params_file = '%s-symbol.json' % prefix, '%s-%04d.params' % (prefix, epoch)
    symbol = load_symbol(symbol_file)
    arg_params, aux_params = load_params(params_file)
    check_params_fit(symbol, arg_params, aux_params, params_file, symbol_file)
    return symbol, arg_params, aux_params


def check_params_fit(symbol, arg_params, aux_params, params_file, symbol_file):
    """Refuse parameters that are not the symbol's, before any data is seen: a name the symbol
    does not have (the error names it and the symbol's names that have no value: a renamed
    layer, or a params file from another network) and a shape the symbol's layers do not allow
    (a layer of 4 units where the symbol says 5), naming the parameter, both files and both shapes.
    What the layers fix without the data's shape is checked (units, filters, kernel, channels of
    the normalizations); the rest is checked when the data's shape is known, at bind."""
    for given, names, kind in ((arg_params, symbol.list_arguments(), 'arg'),
                               (aux_params, symbol.list_auxiliary_states(), 'aux')):
        unexpected = sorted(set(given) - set(names))
        if unexpected:
            missing = sorted(n for n in names if n not in given and not is_label(n)
                             and (kind == 'aux' or n not in _data_inputs(symbol, given)))
            raise ValueError('%s has %s parameter(s) %s that %s does not have%s' % (
                params_file, kind, unexpected, symbol_file,
                '; it has no value for %s (renamed?)' % missing if missing else ''))
    shapes = {name: tuple(a.shape) for name, a in list(arg_params.items()) + list(aux_params.items())}
    try:
        symbol.node_shapes(**shapes)
    except InvalidArgumentError as err:
        raise InvalidArgumentError('%s does not fit %s: %s' % (params_file, symbol_file, err)) from None


def _data_inputs(symbol, arg_params):
    """The variables some op reads as its first input (its data): the network's inputs, not
    parameters a file should hold (what the error above leaves out of "no value for")."""
    inputs = set()
    for node in symbol.topological_nodes():
        if node.op is not None and node.inputs and node.inputs[0].is_variable:
            inputs.add(node.inputs[0].name)
    return inputs


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
