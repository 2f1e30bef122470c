"""Small things every layer uses: lists from MXNet's "one or a list" arguments, the one list of
MXNet arguments that tinynet accepts but ignores, and how the command-line tools report errors."""
import logging
import sys

# MXNet arguments that tinynet accepts, so MXNet code runs unchanged, and ignores: what each one
# does in MXNet, by the function that takes it. A non-default value logs one warning naming it.
IGNORED_ARGUMENTS = {
    'Module': {
        'group2ctxs': 'places groups of layers on other devices (model parallelism)',
        'compression_params': "compresses gradients for the kvstore ('2bit')",
        'state_names': 'names of states kept across batches (RNNs)',
    },
    'Module.fit': {
        'sparse_row_id_fn': 'pulls rows of sparse weights',
    },
    'Module.save_checkpoint': {'remove_amp_cast': 'removes mixed-precision casts from the graph'},
    'Optimizer': {
        'multi_precision': 'keeps float32 master weights for float16 training',
        'param_idx2name': "maps parameter indices to names (tinynet's updaters use names)",
    },
    'Monitor': {'monitor_all': 'monitors the inputs of every op as well'},
    'random.seed': {'ctx': "seeds one device's generator (tinynet has one generator)"},
}
_warned = set()


def warn_ignored(where, name, value, default, does=None):
    """Log once per (where, name) that argument `name` of `where` got a value other than its
    default, and that tinynet ignores it. `does` says what it does in MXNet; without it, `where`
    and `name` must be listed in IGNORED_ARGUMENTS (an op's Attr table says it itself)."""
    if value is default or value == default or (where, name) in _warned:
        return
    _warned.add((where, name))
    logging.getLogger('tinynet').warning(
        '%s: argument %s=%r is accepted for MXNet compatibility and ignored (in MXNet it %s)',
        where, name, value, does or IGNORED_ARGUMENTS[where][name])


def as_list(x):
    """None -> [], a list or tuple -> a list of its items, anything else -> [x]."""
    if x is None:
        return []
    return list(x) if isinstance(x, (list, tuple)) else [x]


def command_error(err):
    """An error a command-line tool expected (a missing file, a bad input), printed as one line
    on stderr; returns the tool's exit status, 2 (the same in every tool)."""
    if isinstance(err, FileNotFoundError):
        message = 'no such file: %s' % err.filename
    else:
        message = str(err).splitlines()[0]
    print('error: %s' % message, file=sys.stderr)
    return 2


def is_label(name):
    """MXNet's convention: an argument named `*_label` (softmax_label) is a label, an input that
    comes with each batch and follows its size, never a learned parameter."""
    return name.endswith('_label')


# MXNet's two NumPy-semantics switches (npx.set_np() turns both on). tinynet's arrays do not change
# with them: mx.np's ndarray has NumPy's semantics whatever they say, and classic NDArrays keep
# theirs. Code that asks (is_np_array(), Gluon code written for both) gets the answer it set.
_NP_MODE = {'shape': False, 'array': False}


def is_np_array():
    """Whether MXNet's NumPy array semantics are on (npx.set_np(), np_array(True))."""
    return _NP_MODE['array']


def is_np_shape():
    """Whether MXNet's NumPy shape semantics are on (npx.set_np(), np_shape(True))."""
    return _NP_MODE['shape']


def set_np_mode(shape=True, array=True):
    """Set both switches (what npx.set_np and npx.reset_np call); returns the previous ones."""
    previous = dict(_NP_MODE)
    _NP_MODE.update(shape=bool(shape), array=bool(array))
    return previous


class _SemanticsScope:
    """`with np_shape(True):` / `np_array(...)`: one switch on (or off) inside the block."""

    def __init__(self, which, active):
        self.which, self.active, self.saved = which, bool(active), None

    def __enter__(self):
        self.saved = _NP_MODE[self.which]
        _NP_MODE[self.which] = self.active
        return self

    def __exit__(self, *exc):
        _NP_MODE[self.which] = self.saved
        return False


def np_shape(active=True):
    """MXNet's np_shape scope (a `with` block, default True)."""
    return _SemanticsScope('shape', active)


def np_array(active=True):
    """MXNet's np_array scope (a `with` block, default True)."""
    return _SemanticsScope('array', active)


def set_np_shape(active):
    """Turn MXNet's NumPy shape semantics on or off; returns the previous setting (as MXNet's)."""
    previous = _NP_MODE['shape']
    _NP_MODE['shape'] = bool(active)
    return previous


def _with_switches(func, **switches):
    """`func` (or each method of a class) run with the given switches set, restored after."""
    import functools
    if isinstance(func, type):
        for attr, value in list(vars(func).items()):
            if callable(value) and not attr.startswith('__'):
                setattr(func, attr, _with_switches(value, **switches))
        return func

    @functools.wraps(func)
    def run(*args, **kwargs):
        previous = dict(_NP_MODE)
        _NP_MODE.update(switches)
        try:
            return func(*args, **kwargs)
        finally:
            _NP_MODE.update(previous)
    return run


def use_np(func):
    """MXNet's decorator: `func` (or each method of a class) runs with both switches on."""
    return _with_switches(func, shape=True, array=True)


def use_np_shape(func):
    """MXNet's decorator: `func` (or each method of a class) runs with NumPy shape semantics on."""
    return _with_switches(func, shape=True)


def use_np_array(func):
    """MXNet's decorator: `func` (or each method of a class) runs with NumPy array semantics on."""
    return _with_switches(func, array=True)
