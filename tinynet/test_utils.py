"""Helpers from MXNet's test_utils: get_mnist, list_gpus, numeric gradient checks, comparisons."""
import numpy as np

from .backend import cpu, get_array_module, list_gpus, to_numpy  # noqa: F401  (list_gpus: MXNet API)
from .datasets import mnist as _mnist
from .ops.softmax_output import SoftmaxOutput
from .symbol import Symbol
from .util import is_label


def get_mnist(path=None):
    """MNIST as MXNet's dict, from `$TINYNET_HOME/datasets/mnist/` (downloaded and verified if
    missing): train_data (60000, 1, 28, 28) float32 in [0, 1], train_label (60000,), test_data,
    test_label."""
    return _mnist.load(home=path)


def assert_almost_equal(a, b, rtol=1e-5, atol=1e-20, names=('a', 'b'), equal_nan=False):
    """Raise AssertionError naming the worst element when |a - b| > atol + rtol * |b| anywhere."""
    a, b = to_numpy(a), to_numpy(b)
    if a.shape != b.shape:
        raise AssertionError('%s has shape %s, %s has shape %s' % (names[0], a.shape, names[1],
                                                                   b.shape))
    a64, b64 = a.astype(np.float64), b.astype(np.float64)
    if np.allclose(a64, b64, rtol=rtol, atol=atol, equal_nan=equal_nan):
        return
    excess = np.abs(a64 - b64) - (atol + rtol * np.abs(b64))
    excess = np.where(np.isnan(excess), np.inf, excess)
    worst = tuple(int(i) for i in np.unravel_index(np.argmax(excess), a.shape)) if a.ndim else ()
    raise AssertionError(
        'Items are not equal (rtol=%g, atol=%g): worst at index %s: %s=%r, %s=%r; %d of %d elements '
        'differ\n%s:\n%s\n%s:\n%s' % (rtol, atol, worst, names[0], a64[worst], names[1], b64[worst],
                                      int((excess > 0).sum()), a.size, names[0], a, names[1], b))


def almost_equal(a, b, rtol=1e-5, atol=1e-20, equal_nan=False):
    """Whether a and b are equal within rtol=1e-5, atol=1e-20 (|a - b| <= atol + rtol |b| everywhere),
    as NumPy's allclose; equal_nan=False."""
    return np.allclose(to_numpy(a), to_numpy(b), rtol=rtol, atol=atol, equal_nan=equal_nan)


def _objective(symbol, ctx, location, projections):
    """f = sum over heads of sum(out * projection), or the loss itself for a loss head."""
    exe = symbol.bind(ctx, args={k: v.copy() for k, v in location.items()}, grad_req='null')
    outputs = exe.forward(is_train=True)
    total = 0.0
    for node, out, proj in zip(symbol.output_nodes, outputs, projections):
        if isinstance(node.op, SoftmaxOutput):    # a loss head: its backward ignores `proj`
            inputs = _internal_inputs(symbol, node, exe)
            total += float(node.op.loss(get_array_module(out), inputs))
        else:
            total += float((to_numpy(out).astype(np.float64) * proj).sum())
    return total


def _internal_inputs(symbol, node, exe):
    """The arrays a loss head received, computed through the internals of the graph."""
    internal = Symbol(node.inputs)
    sub = internal.bind(exe.ctx, args={n: exe.arg_dict[n] for n in internal.list_arguments()},
                        grad_req='null')
    return sub.forward(is_train=False)


# MXNet 1.9.1's defaults by dtype (its default_numeric_eps, default_rtols, default_atols)
NUMERIC_EPS = {np.dtype(np.float16): 2.0 ** -6, np.dtype(np.float32): 2.0 ** -9,
               np.dtype(np.float64): 2.0 ** -14}
RTOLS = {np.dtype(np.float16): 1e-2, np.dtype(np.float32): 1e-4, np.dtype(np.float64): 1e-5}
ATOLS = {np.dtype(np.float16): 1e-1, np.dtype(np.float32): 1e-3, np.dtype(np.float64): 1e-20}


def check_numeric_gradient(sym, location, aux_states=None, numeric_eps=None, rtol=None, atol=None,
                           grad_nodes=None, use_forward_train=True, ctx=None, grad_stype_dict=None,
                           dtype=None):
    """Compare backward's gradients with central differences, as MXNet's check_numeric_gradient.

    The scalar differentiated is sum(output * R) with R random (never all-ones, which would let a
    softmax whose rows sum to one pass with any gradient); a loss head (SoftmaxOutput) contributes
    its loss instead, since its backward ignores the head gradient. `location`: a dict or a list
    (in list_arguments() order) of arrays. The differences are taken in float64 whatever the
    arrays' dtype (a float32 forward rounds f(x + eps) - f(x - eps) to noise), and compared with
    backward's gradients, computed in the arrays' own dtype, within MXNet's tolerances for that
    dtype: numeric_eps, rtol, atol default to 2^-9, 1e-4, 1e-3 for float32 (2^-14, 1e-5, 1e-20
    for float64; 2^-6, 1e-2, 0.1 for float16). Raises AssertionError naming the argument and its
    worst element on a mismatch."""
    ctx = ctx or cpu()
    for arg, value in (('numeric_eps', numeric_eps), ('rtol', rtol)):
        if value is not None and (not isinstance(value, (int, float)) or isinstance(value, bool)
                                  or not value > 0):
            raise ValueError('check_numeric_gradient: %s must be a positive number, got %r'
                             % (arg, value))
    arg_names = sym.list_arguments()
    if isinstance(location, dict):
        unknown = sorted(set(location) - set(arg_names))
        if unknown:
            raise ValueError('check_numeric_gradient: %s are not arguments of the symbol (%s)'
                             % (unknown, arg_names))
        location = {k: np.array(to_numpy(v), dtype=dtype or to_numpy(v).dtype) for k, v in
                    location.items()}
    else:
        if len(location) != len(arg_names):
            raise ValueError('check_numeric_gradient: %d arrays for arguments %s'
                             % (len(location), arg_names))
        location = {k: np.array(to_numpy(v), dtype=dtype or to_numpy(v).dtype)
                    for k, v in zip(arg_names, location)}
    missing = [n for n in arg_names if n not in location]
    if missing:
        raise ValueError('check_numeric_gradient: no value given for %s' % missing)
    if grad_nodes is None:
        grad_nodes = [n for n in arg_names if not is_label(n)]
    elif isinstance(grad_nodes, dict):
        grad_nodes = list(grad_nodes)
    _, out_shapes, _ = sym.infer_shape(**{k: v.shape for k, v in location.items()})
    rng = np.random.default_rng(1234)
    projections = [rng.uniform(0.5, 1.5, s) * rng.choice([-1.0, 1.0], s) for s in out_shapes]
    # symbolic gradients
    exe = sym.bind(ctx, args={k: v.copy() for k, v in location.items()},
                   args_grad={n: np.zeros_like(location[n]) for n in grad_nodes},
                   grad_req={n: 'write' for n in grad_nodes})
    exe.forward(is_train=True)
    exe.backward([p.astype(location[grad_nodes[0]].dtype) for p in projections])
    kind = np.dtype(location[grad_nodes[0]].dtype)
    kind = kind if kind in RTOLS else np.dtype(np.float64)
    wide = {k: v.astype(np.float64) if v.dtype.kind == 'f' else v for k, v in location.items()}
    numeric = numeric_grad(sym, wide, grad_nodes, projections,
                           NUMERIC_EPS[kind] if numeric_eps is None else numeric_eps, ctx)
    for name in grad_nodes:
        assert_almost_equal(exe.grad_dict[name], numeric[name],
                            rtol=RTOLS[kind] if rtol is None else rtol,
                            atol=ATOLS[kind] if atol is None else atol,
                            names=('backward gradient of %r' % name, 'numeric gradient of %r' % name))


def numeric_grad(symbol, location, grad_nodes, projections, eps, ctx):
    """Central differences, (f(x + eps) - f(x - eps)) / (2 eps), one element of each of
    `grad_nodes` at a time (perturbed in `location` in place, then restored)."""
    grads = {}
    for name in grad_nodes:
        array = location[name]
        grad = np.zeros(array.shape, dtype=np.float64)
        flat, gflat = array.reshape(-1), grad.reshape(-1)
        for i in range(flat.size):
            original = flat[i].copy()
            flat[i] = original + eps
            f_plus = _objective(symbol, ctx, location, projections)
            flat[i] = original - eps
            f_minus = _objective(symbol, ctx, location, projections)
            flat[i] = original
            gflat[i] = (f_plus - f_minus) / (2 * eps)
        grads[name] = grad
    return grads
