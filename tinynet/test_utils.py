"""Helpers from MXNet's test_utils, with its signatures and tolerances: get_mnist, list_gpus,
comparisons (assert_almost_equal, same, ...), the symbolic checks MXNet's own tests use
(check_symbolic_forward/backward, check_numeric_gradient), random shapes and arrays, environment."""
import contextlib
import functools
import os
import sys

import numpy as np
import numpy.random as rnd  # noqa: F401 (MXNet's test_utils gives these to `import *`)
import numpy.testing as npt  # noqa: F401

from .backend import Context, cpu, get_array_module, list_gpus, to_numpy  # noqa: F401 (MXNet API)
from .ndarray import NDArray, array  # noqa: F401 (MXNet API: `import *` gives them)
from .ndarray import array as nd_array
from .datasets import mnist as _mnist
from .ops.softmax_output import SoftmaxOutput
from .symbol import Symbol
from .util import is_label

import tinynet as mx  # noqa: E402,F401 (MXNet's test_utils gives `mx` to `from ... import *`)

# MXNet 1.9.1's defaults by dtype (its default_numeric_eps, default_rtols, default_atols)
NUMERIC_EPS = {np.dtype(np.float16): 2.0 ** -6, np.dtype(np.float32): 2.0 ** -9,
               np.dtype(np.float64): 2.0 ** -14}
RTOLS = {np.dtype(np.float16): 1e-2, np.dtype(np.float32): 1e-4, np.dtype(np.float64): 1e-5}
ATOLS = {np.dtype(np.float16): 1e-1, np.dtype(np.float32): 1e-3, np.dtype(np.float64): 1e-20}


def get_mnist(path=None):
    """MNIST as MXNet's dict, from `$TINYNET_HOME/datasets/mnist/` (downloaded and verified if
    missing): train_data (60000, 1, 28, 28) float32 in [0, 1], train_label (60000,), test_data,
    test_label."""
    return _mnist.load(home=path)


def get_mnist_ubyte():
    """MNIST's four IDX files, unzipped, in ./data (train-images-idx3-ubyte, ...), as MXNet's
    get_mnist_ubyte leaves them for mx.io.MNISTIter. MXNet downloads a zip of them from
    data.mxnet.io; tinynet writes them from its verified MNIST ($TINYNET_HOME/datasets/mnist,
    downloaded if missing). Files already there are kept."""
    import gzip
    from .fileio import atomic_write
    os.makedirs('data', exist_ok=True)
    names = ('train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte',
             't10k-labels-idx1-ubyte')
    if all(os.path.exists(os.path.join('data', name)) for name in names):
        return
    paths = _mnist.fetch()
    for name in names:
        target = os.path.join('data', name)
        if not os.path.exists(target):
            with gzip.open(paths[name + '.gz'], 'rb') as source, atomic_write(target, 'wb') as f:
                f.write(source.read())


def get_mnist_iterator(batch_size, input_shape, num_parts=1, part_index=0):
    """(train, val) mx.io.MNISTIter over ./data (get_mnist_ubyte writes the files), as MXNet's:
    the training one shuffled; data flat (batch, 784) unless input_shape has 3 dimensions."""
    from .io import MNISTIter
    get_mnist_ubyte()
    flat = len(input_shape) != 3
    train = MNISTIter(image='data/train-images-idx3-ubyte', label='data/train-labels-idx1-ubyte',
                      input_shape=input_shape, batch_size=batch_size, shuffle=True, flat=flat,
                      num_parts=num_parts, part_index=part_index)
    val = MNISTIter(image='data/t10k-images-idx3-ubyte', label='data/t10k-labels-idx1-ubyte',
                    input_shape=input_shape, batch_size=batch_size, flat=flat,
                    num_parts=num_parts, part_index=part_index)
    return train, val


def download(url, fname=None, dirname=None, overwrite=False, retries=5):
    """Download `url` to `fname` (default: the URL's last part) in `dirname` (default: here),
    unless the file is there and overwrite=False; returns the file's path. The file is written
    whole or not at all. MXNet's tutorials fetch their sample files so; with no network this is
    one clear error naming the URL, after `retries` tries."""
    import requests
    from .fileio import atomic_write
    fname = fname or url.split('/')[-1].split('?')[0] or 'downloaded'
    path = os.path.join(dirname, fname) if dirname else fname
    if os.path.exists(path) and not overwrite:
        return path
    if dirname:
        os.makedirs(dirname, exist_ok=True)
    failures = []
    for _ in range(max(1, retries)):
        try:
            response = requests.get(url, timeout=30)
            response.raise_for_status()
            with atomic_write(path, 'wb') as f:
                f.write(response.content)
            return path
        except requests.RequestException as err:
            failures.append(str(err).split('\n')[0][:200])
    raise OSError('download: could not fetch %s (%d tries; last: %s); put the file at %s by hand'
                  % (url, len(failures), failures[-1], path))


def default_context():
    """The context tests run on: cpu(0) unless set_default_context changed it."""
    return _default[0]


def set_default_context(ctx):
    """Make `ctx` the context default_context() gives."""
    _default[0] = Context(ctx)


_default = [cpu()]


def default_dtype():
    """float32, MXNet's default dtype for test arrays."""
    return np.float32


def get_rtol(rtol=None, dtype=np.dtype(np.float64)):
    """`rtol`, or MXNet's default for `dtype` (float16 1e-2, float32 1e-4, float64 1e-5)."""
    return RTOLS.get(np.dtype(dtype), 0) if rtol is None else rtol


def get_atol(atol=None, dtype=np.dtype(np.float64)):
    """`atol`, or MXNet's default for `dtype` (float16 0.1, float32 1e-3, float64 1e-20)."""
    return ATOLS.get(np.dtype(dtype), 0) if atol is None else atol


def get_tols(a, b, rtol=None, atol=None):
    """(rtol, atol) for comparing a and b: those given, else MXNet's defaults for the less
    precise of the two dtypes (a Python number counts as float64)."""
    dtypes = [np.dtype(getattr(x, 'dtype', np.float64)) for x in (a, b)]
    floats = [d for d in dtypes if d.kind == 'f'] or [np.dtype(np.float64)]
    least = min(floats, key=lambda d: d.itemsize)
    return get_rtol(rtol, least), get_atol(atol, least)


def same(a, b):
    """Whether a and b hold exactly the same values (np.array_equal)."""
    return np.array_equal(to_numpy(a), to_numpy(b))


def almost_equal(a, b, rtol=None, atol=None, equal_nan=False, use_broadcast=True):
    """Whether |a - b| <= atol + rtol |b| everywhere (NumPy's allclose, broadcasting as MXNet's
    does unless use_broadcast=False); rtol and atol default by dtype (get_rtol, get_atol)."""
    a, b = to_numpy(a), to_numpy(b)
    if not use_broadcast and a.shape != b.shape:
        return False
    rtol, atol = get_tols(a, b, rtol, atol)
    return bool(np.allclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan))


def effective_dtype(dat):
    """The dtype whose tolerances suit comparisons of `dat` (an NDArray or NumPy array): its own
    dtype. (MXNet returns float16 for float32 data on an Ampere GPU, where its GEMMs use TF32;
    CuPy computes float32 products in float32 unless CUPY_TF32=1 is set, so tinynet says
    float16 only then.)"""
    import os
    dtype = np.dtype(dat.dtype)
    ctx = getattr(dat, 'context', None)
    if dtype == np.float32 and ctx is not None and ctx.device_type == 'gpu' and \
            os.environ.get('CUPY_TF32') == '1':
        return np.dtype(np.float16)
    return dtype


def assert_almost_equal(a, b, rtol=None, atol=None, names=('a', 'b'), equal_nan=False,
                        use_broadcast=True, mismatches=(10, 10)):
    """Raise AssertionError naming the worst element when |a - b| > atol + rtol * |b| anywhere.
    a and b broadcast together as MXNet's do (use_broadcast=False asks for equal shapes); rtol and
    atol default by the less precise dtype (float32: 1e-4 and 1e-3; float64: 1e-5 and 1e-20)."""
    rtol, atol = get_tols(a, b, rtol, atol)
    a, b = np.asarray(to_numpy(a)), np.asarray(to_numpy(b))
    try:
        shape = np.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        shape = None
    if shape is None or (not use_broadcast and a.shape != b.shape):
        raise AssertionError('%s has shape %s, %s has shape %s' % (names[0], a.shape, names[1],
                                                                   b.shape))
    a64 = np.broadcast_to(a.astype(np.float64), shape)
    b64 = np.broadcast_to(b.astype(np.float64), shape)
    if np.allclose(a64, b64, rtol=rtol, atol=atol, equal_nan=equal_nan):
        return
    excess = np.abs(a64 - b64) - (atol + rtol * np.abs(b64))
    if equal_nan:
        excess = np.where(np.isnan(a64) & np.isnan(b64), -np.inf, excess)
    excess = np.where(np.isnan(excess), np.inf, excess)
    worst = tuple(int(i) for i in np.unravel_index(np.argmax(excess), shape)) if shape else ()
    raise AssertionError(
        'Items are not equal (rtol=%g, atol=%g): worst at index %s: %s=%r, %s=%r; %d of %d elements '
        'differ\n%s:\n%s\n%s:\n%s' % (rtol, atol, worst, names[0], a64[worst], names[1], b64[worst],
                                      int((excess > 0).sum()), a64.size, names[0], a, names[1], b))


def assert_allclose(a, b, rtol=1e-07, atol=0, equal_nan=True):
    """NumPy's assert_allclose on the values of a and b (NDArrays or arrays), MXNet's defaults."""
    np.testing.assert_allclose(to_numpy(a), to_numpy(b), rtol=rtol, atol=atol,
                               equal_nan=equal_nan)


def assert_exception(f, exception_type, *args, **kwargs):
    """Raise AssertionError unless f(*args, **kwargs) raises `exception_type`."""
    try:
        f(*args, **kwargs)
    except exception_type:
        return
    raise AssertionError('%s did not raise %s' % (getattr(f, '__name__', f),
                                                  exception_type.__name__))


def random_sample(population, k):
    """`k` elements of the list `population` in a random order (NumPy's global generator, as
    MXNet's helper)."""
    if not 0 <= k <= len(population):
        raise ValueError('random_sample: k=%d is not between 0 and the population size %d'
                         % (k, len(population)))
    shuffled = list(population)
    np.random.shuffle(shuffled)
    return shuffled[:k]


@contextlib.contextmanager
def discard_stderr():
    """`with discard_stderr():` sends what the block writes to the standard error stream (file
    descriptor 2, so C libraries' output too) to the null device."""
    try:
        fileno = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):     # not a real file (a notebook's stream)
        yield
        return
    sys.stderr.flush()
    saved = os.dup(fileno)
    try:
        with open(os.devnull, 'w') as null:
            os.dup2(null.fileno(), fileno)
            yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, fileno)
        os.close(saved)


from .util import use_np  # noqa: E402,F401 (MXNet has it in test_utils too)


def compare_ndarray_tuple(t1, t2, rtol=None, atol=None):
    """assert_almost_equal of two optimizer states: None (skipped), an array, or tuples of them."""
    if t1 is None or t2 is None:
        return
    if isinstance(t1, tuple):
        for s1, s2 in zip(t1, t2):
            compare_ndarray_tuple(s1, s2, rtol, atol)
    else:
        assert_almost_equal(t1, t2, rtol=rtol, atol=atol)


def compare_optimizer(opt1, opt2, shape, dtype, w_stype='default', g_stype='default',
                      rtol=1e-4, atol=1e-5, compare_states=True, ntensors=1):
    """One update of the same random weight and gradient (uniform in [0, 1), `shape`, `dtype`)
    by optimizers `opt1` and `opt2`, comparing their states before and after and the weights
    (MXNet's helper; a list of shapes updates that many tensors, `opt2` in one multi-tensor
    call). Only dense storage ('default')."""
    from . import random as _random
    if w_stype != 'default' or g_stype != 'default':
        raise NotImplementedError('compare_optimizer: w_stype=%r, g_stype=%r: tinynet has only '
                                  'dense arrays' % (w_stype, g_stype))
    ctx = default_context()
    if not isinstance(shape, list):
        w2 = _random.uniform(shape=shape, ctx=ctx, dtype=dtype)
        g2 = _random.uniform(shape=shape, ctx=ctx, dtype=dtype)
        w1, g1 = w2.copyto(ctx), g2.copyto(ctx)
        state1 = opt1.create_state_multi_precision(0, w1)
        state2 = opt2.create_state_multi_precision(0, w2)
        if compare_states:
            compare_ndarray_tuple(state1, state2)
        opt1.update_multi_precision(0, w1, g1, state1)
        opt2.update_multi_precision(0, w2, g2, state2)
        if compare_states:
            compare_ndarray_tuple(state1, state2, rtol=rtol, atol=atol)
        assert_almost_equal(w1, w2, rtol=rtol, atol=atol)
        return
    w1 = tuple(_random.uniform(shape=s, ctx=ctx, dtype=dtype) for s in shape)
    g1 = tuple(_random.uniform(shape=s, ctx=ctx, dtype=dtype) for s in shape)
    w2, g2 = tuple(w.copy() for w in w1), tuple(g.copy() for g in g1)
    state2 = [opt2.create_state_multi_precision(0, w2[i]) for i in range(ntensors)]
    opt2.update_multi_precision(list(range(ntensors)), w2, g2, state2)
    for i in range(ntensors):
        state1 = opt1.create_state_multi_precision(i, w1[i])
        opt1.update_multi_precision(i, w1[i], g1[i], state1)
        if compare_states:
            compare_ndarray_tuple(state1, state2[i], rtol, atol)
        compare_ndarray_tuple(w1[i], w2[i], rtol, atol)


def np_reduce(dat, axis, keepdims, numpy_reduce_func):
    """`numpy_reduce_func` (np.sum, np.max, ...) of the NumPy array `dat` over `axis` (None: all
    axes; an int or a list of them), one axis at a time, keeping the reduced axes as 1s when
    `keepdims`: MXNet's reference for its reductions."""
    axis = [axis] if isinstance(axis, int) else (list(axis) if axis is not None
                                                 else list(range(dat.ndim)))
    result = dat
    for i in sorted(axis, reverse=True):
        result = numpy_reduce_func(result, axis=i)
    if keepdims:
        result = result.reshape(tuple(1 if i in axis else n for i, n in enumerate(dat.shape)))
    return result


def rand_shape_nd(num_dim, dim=10, allow_zero_size=False):
    """A random shape of `num_dim` axes, each 1 to `dim` (0 to `dim` with allow_zero_size)."""
    low = 0 if allow_zero_size else 1
    return tuple(int(n) for n in np.random.randint(low, dim + 1, size=num_dim))


def rand_shape_2d(dim0=10, dim1=10, allow_zero_size=False):
    """A random 2-D shape, axes up to dim0 and dim1."""
    low = 0 if allow_zero_size else 1
    return (np.random.randint(low, dim0 + 1), np.random.randint(low, dim1 + 1))


def rand_shape_3d(dim0=10, dim1=10, dim2=10, allow_zero_size=False):
    """A random 3-D shape, axes up to dim0, dim1 and dim2."""
    low = 0 if allow_zero_size else 1
    return tuple(np.random.randint(low, d + 1) for d in (dim0, dim1, dim2))


def rand_ndarray(shape, stype='default', density=None, dtype=None, modifier_func=None,
                 shuffle_csr_indices=False, distribution=None, ctx=None):
    """An NDArray of `shape` with values from U(0, 1) (dtype float32 unless given), on `ctx`
    (default_context()); modifier_func, if given, is applied to the NumPy values first. Only
    stype='default': tinynet has no sparse arrays."""
    if stype != 'default':
        raise NotImplementedError('rand_ndarray: stype=%r: tinynet has only dense arrays' % stype)
    values = np.random.uniform(size=shape)
    if modifier_func is not None:
        values = modifier_func(values)
    return nd_array(values, ctx=ctx or default_context(), dtype=dtype or default_dtype())


def random_arrays(*shapes):
    """NumPy arrays of standard normal values in default_dtype(), one per shape (one array when
    one shape is given)."""
    arrays = [np.array(np.random.randn(), dtype=default_dtype()) if len(s) == 0 else
              np.random.randn(*s).astype(default_dtype()) for s in shapes]
    return arrays[0] if len(arrays) == 1 else arrays


@contextlib.contextmanager
def environment(*args):
    """A `with` block in which environment variables have the given values, restored after:
    environment('NAME', 'value') or environment({'NAME': 'value', 'OTHER': None}) (None: unset)."""
    values = args[0] if len(args) == 1 and isinstance(args[0], dict) else {args[0]: args[1]}
    saved = {name: os.environ.get(name) for name in values}

    def apply(settings):
        for name, value in settings.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = str(value)
    apply(values)
    try:
        yield
    finally:
        apply(saved)


def simple_forward(sym, ctx=None, is_train=False, **inputs):
    """The outputs (NumPy arrays; one array for one output) of `sym` for the named inputs."""
    exe = sym.bind(ctx or default_context(), args={k: nd_array(v) for k, v in inputs.items()})
    outputs = [to_numpy(o) for o in exe.forward(is_train=is_train)]
    return outputs[0] if len(outputs) == 1 else outputs


def _location(sym, location, ctx, dtype):
    names = sym.list_arguments()
    if not isinstance(location, dict):
        location = dict(zip(names, location))
    return {k: nd_array(to_numpy(v), ctx=ctx, dtype=dtype) for k, v in location.items()}


def _aux(sym, aux_states, ctx, dtype):
    if aux_states is None:
        return None
    if not isinstance(aux_states, dict):
        aux_states = dict(zip(sym.list_auxiliary_states(), aux_states))
    return {k: nd_array(to_numpy(v), ctx=ctx, dtype=dtype) for k, v in aux_states.items()}


def check_symbolic_forward(sym, location, expected, rtol=None, atol=None, aux_states=None,
                           ctx=None, equal_nan=False, dtype=np.float32):
    """Bind `sym` to `location` (a dict, or a list in list_arguments() order), run forward
    (is_train=False) and compare each output with `expected` (a list, or a dict by output
    name) as assert_almost_equal does. Returns the outputs."""
    ctx = ctx or default_context()
    args = _location(sym, location, ctx, dtype)
    if isinstance(expected, dict):
        expected = [expected[k] for k in sym.list_outputs()]
    exe = sym.bind(ctx, args=args, args_grad={k: nd_array(np.zeros(v.shape), ctx=ctx,
                                                          dtype=dtype) for k, v in args.items()},
                   aux_states=_aux(sym, aux_states, ctx, dtype))
    outputs = exe.forward(is_train=False)
    for name, want, got in zip(sym.list_outputs(), expected, outputs):
        assert_almost_equal(want, got, rtol, atol, ('EXPECTED_%s' % name, 'FORWARD_%s' % name),
                            equal_nan=equal_nan)
    return outputs


def check_symbolic_backward(sym, location, out_grads, expected, rtol=None, atol=None,
                            aux_states=None, grad_req='write', ctx=None, grad_stypes=None,
                            equal_nan=False, dtype=np.float32):
    """Bind `sym` to `location`, run forward (is_train=True) and backward with `out_grads`, and
    compare the gradients with `expected` (a dict by argument name, or a list in
    list_arguments() order). grad_req 'add' adds to gradient arrays that start random, as MXNet's
    check does, and the expected gradient is compared with what was added. Returns the
    gradients (NumPy arrays, by name)."""
    ctx = ctx or default_context()
    args = _location(sym, location, ctx, dtype)
    if isinstance(expected, (list, tuple)):
        expected = dict(zip(sym.list_arguments(), expected))
    start = {k: np.random.normal(size=to_numpy(v).shape) for k, v in expected.items()}
    grads = {k: nd_array(v, ctx=ctx, dtype=dtype) for k, v in start.items()}
    reqs = {k: grad_req for k in sym.list_arguments()} if isinstance(grad_req, str) else \
        dict(grad_req) if isinstance(grad_req, dict) else dict(zip(sym.list_arguments(), grad_req))
    reqs = {k: (r if k in grads else 'null') for k, r in reqs.items()}
    exe = sym.bind(ctx, args=args, args_grad=grads, grad_req=reqs,
                   aux_states=_aux(sym, aux_states, ctx, dtype))
    exe.forward(is_train=True)
    if out_grads is not None and not isinstance(out_grads, (list, tuple, dict)):
        out_grads = [out_grads]
    if isinstance(out_grads, dict):
        out_grads = [out_grads[k] for k in sym.list_outputs()]
    exe.backward(None if out_grads is None else [to_numpy(g).astype(dtype) for g in out_grads])
    found = {k: to_numpy(g.data_array).copy() for k, g in grads.items()}
    for name, want in expected.items():
        got = found[name] - start[name].astype(dtype) if reqs[name] == 'add' else \
            start[name].astype(dtype) if reqs[name] == 'null' else found[name]
        assert_almost_equal(want if reqs[name] != 'null' else start[name], got, rtol, atol,
                            ('EXPECTED_%s' % name, 'BACKWARD_%s' % name), equal_nan=equal_nan)
    return found


def _objective(symbol, ctx, location, projections, aux=None):
    """f = sum over heads of sum(out * projection), or the loss itself for a loss head."""
    exe = symbol.bind(ctx, args={k: v.copy() for k, v in location.items()}, grad_req='null',
                      aux_states={k: v.copy() for k, v in (aux or {}).items()})
    exe.forward(is_train=True)
    total = 0.0
    for node, out, proj in zip(symbol.output_nodes, exe.output_arrays, projections):
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
    sub.forward(is_train=False)
    return sub.output_arrays


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
    unknown = [n for n in grad_nodes if n not in arg_names]
    if unknown:
        raise ValueError('check_numeric_gradient: grad_nodes %s are not arguments of the symbol '
                         '(%s)' % (unknown, arg_names))
    _, out_shapes, aux_shapes = sym.infer_shape(**{k: v.shape for k, v in location.items()})
    aux_names = sym.list_auxiliary_states()
    if aux_states is None:       # MXNet's default: zeros (a variance-like state would divide by 0)
        aux_states = {n: np.zeros(s) for n, s in zip(aux_names, aux_shapes or [])}
    elif not isinstance(aux_states, dict):
        aux_states = dict(zip(aux_names, aux_states))
    aux_states = {k: np.array(to_numpy(v), dtype=np.float64) for k, v in aux_states.items()}
    rng = np.random.default_rng(1234)
    projections = [rng.uniform(0.5, 1.5, s) * rng.choice([-1.0, 1.0], s) for s in out_shapes]
    # symbolic gradients
    exe = sym.bind(ctx, args={k: v.copy() for k, v in location.items()},
                   args_grad={n: np.zeros_like(location[n]) for n in grad_nodes},
                   grad_req={n: 'write' for n in grad_nodes},
                   aux_states={k: v.astype(location[grad_nodes[0]].dtype).copy()
                               for k, v in aux_states.items()})
    exe.forward(is_train=True)
    exe.backward([p.astype(location[grad_nodes[0]].dtype) for p in projections])
    kind = np.dtype(location[grad_nodes[0]].dtype)
    kind = kind if kind in RTOLS else np.dtype(np.float64)
    wide = {k: v.astype(np.float64) if v.dtype.kind == 'f' else v for k, v in location.items()}
    numeric = numeric_grad(sym, wide, grad_nodes, projections,
                           NUMERIC_EPS[kind] if numeric_eps is None else numeric_eps, ctx,
                           aux_states)
    for name in grad_nodes:
        assert_almost_equal(exe.grad(name), numeric[name],
                            rtol=RTOLS[kind] if rtol is None else rtol,
                            atol=ATOLS[kind] if atol is None else atol,
                            names=('backward gradient of %r' % name, 'numeric gradient of %r' % name))


def numeric_grad(symbol, location, grad_nodes, projections, eps, ctx, aux=None):
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
            f_plus = _objective(symbol, ctx, location, projections, aux)
            flat[i] = original - eps
            f_minus = _objective(symbol, ctx, location, projections, aux)
            flat[i] = original
            gflat[i] = (f_plus - f_minus) / (2 * eps)
        grads[name] = grad
    return grads
