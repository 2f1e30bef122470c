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


def is_np_array():
    """Whether MXNet's NumPy array semantics (`npx.set_np()`) are on: never, in tinynet, which has
    only the classic NDArray front end (mx.np is not there yet)."""
    return False


def is_np_shape():
    """Whether MXNet's NumPy shape semantics are on (0-d and zero-size shapes): never in tinynet."""
    return False


class _SemanticsScope:
    """`with np_shape(False):` / `np_array(False)`: scopes MXNet code opens to turn its NumPy
    semantics on or off. Off is tinynet's only mode, so False is a no-op and True is refused."""

    def __init__(self, what, active):
        if active:
            raise NotImplementedError('%s(True): MXNet\'s NumPy semantics (mx.np / npx) are not '
                                      'in tinynet yet; its arrays keep MXNet 1.x\'s classic '
                                      'semantics' % what)
        self.what = what

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def np_shape(active=True):
    """MXNet's np_shape scope (default True): False is tinynet's only mode; True is refused."""
    return _SemanticsScope('np_shape', active)


def np_array(active=True):
    """MXNet's np_array scope (default True): False is tinynet's only mode; True is refused."""
    return _SemanticsScope('np_array', active)
