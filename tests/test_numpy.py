"""mx.np / mx.npx, MXNet's NumPy front end: tinynet's ndarray with NumPy's semantics on the same
engine. tests/mxnet_np_semantics.py runs under MXNet 1.9.1 and under tinynet and the answers are
compared; the rest checks tinynet alone (NumPy's numbers, numeric gradients)."""
import json
import os
import subprocess
import sys

import numpy as onp
import pytest

import tinynet as mx
from conftest import mxnet_python
from tinynet import np, npx
from tinynet.test_utils import check_numeric_gradient

HERE = os.path.dirname(os.path.abspath(__file__))


def run_semantics(python, framework):
    run = subprocess.run([python, os.path.join(HERE, 'mxnet_np_semantics.py'), framework],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_the_numpy_front_end_agrees_with_mxnet():
    """Values, shapes, dtypes (0-d reductions, bool comparisons, true division of integers,
    NumPy indexing, float32 defaults), printing, autograd through it and Gluon on np arrays."""
    python = mxnet_python()
    want, got = run_semantics(python, 'mxnet'), run_semantics(sys.executable, 'tinynet')
    assert sorted(got) == sorted(want)
    for key, value in want.items():
        if isinstance(value, list) and len(value) == 3 and value[2].startswith('float'):
            assert got[key][1:] == value[1:], key                       # shape, dtype
            onp.testing.assert_allclose(got[key][0], value[0], rtol=1e-6, err_msg=key)
        else:
            assert got[key] == value, key


def test_numpy_results_without_mxnet():
    x = np.array([[1, 2], [3, 4]])
    assert x.sum().shape == () and float(x.sum()) == 10 and x.sum().item() == 10.0
    assert (x == 2).dtype == onp.bool_ and x.dtype == onp.float32
    assert x[0, 1].shape == () and x[0].shape == (2,)
    assert (np.array([1, 3], dtype='int32') / 2).asnumpy().tolist() == [0.5, 1.5]
    assert repr(x.sum()) == 'array(10.)'
    onp.testing.assert_array_equal(np.dot(x, x).asnumpy(), onp.dot(x.asnumpy(), x.asnumpy()))
    with pytest.raises(AttributeError, match='mx.np.fft is not in tinynet yet'):
        np.fft


def test_np_reshape_gradient_is_numerically_right():
    """_np_reshape, the op mx.np's reshape records (NumPy's -1, and 0-d results), against central
    differences in float64, and its refusals."""
    rng = onp.random.RandomState(0)
    base = rng.randn(2, 3)
    for newshape in ((3, -1), (-1,), (2, 1, 3), (6, 1)):
        weights = np.array(rng.randn(*onp.empty((2, 3)).reshape(newshape).shape), dtype='float64')

        def f(values):
            return (np.array(values, dtype='float64').reshape(newshape) * weights).sum()
        x = np.array(base, dtype='float64')
        x.attach_grad()
        with mx.autograd.record():
            y = (x.reshape(newshape) * weights).sum()
        y.backward()
        assert y.shape == ()
        numeric = onp.zeros_like(base)
        for index in onp.ndindex(*base.shape):
            step = onp.zeros_like(base)
            step[index] = 1e-6
            numeric[index] = (float(f(base + step)) - float(f(base - step))) / 2e-6
        onp.testing.assert_allclose(x.grad.asnumpy(), numeric, rtol=1e-7, atol=1e-9)
    one = np.array([5.0])
    one.attach_grad()
    with mx.autograd.record():
        z = one.reshape(()) * 3
    z.backward()
    assert z.shape == () and one.grad.asnumpy().tolist() == [3.0]
    with pytest.raises(ValueError, match="cannot reshape an array of shape \\(2, 3\\) into \\(4, -1\\)"):
        np.zeros((2, 3)).reshape(4, -1)
    with pytest.raises(ValueError, match="may hold one -1"):
        np.zeros((2, 3)).reshape(-1, -1)


def test_npx_switches_and_gluon_on_np_arrays():
    npx.set_np()
    try:
        assert mx.util.is_np_array() and mx.util.is_np_shape()
        net = mx.gluon.nn.Dense(3, in_units=2)
        net.initialize()
        out = net(np.ones((4, 2)))
        assert isinstance(out, np.ndarray) and out.shape == (4, 3)
    finally:
        npx.reset_np()
    assert not mx.util.is_np_array()
    with mx.util.np_shape(True):
        assert mx.util.is_np_shape()
    assert not mx.util.is_np_shape()


def test_numpy_mode_gives_np_arrays_to_parameters_initializers_and_batches(tmp_path):
    """Under npx.set_np(), as in MXNet: a Parameter's arrays, what a custom initializer fills,
    DataLoader batches and copies are mx.np arrays (D2L relies on it: x.as_in_ctx, bool masks)."""
    seen = []

    class MyInit(mx.init.Initializer):
        def _init_weight(self, name, data):
            seen.append(type(data))
            data[:] = np.random.uniform(-10, 10, data.shape)
            data *= np.abs(data) >= 5              # a bool mask times floats: NumPy's rule

    npx.set_np()
    try:
        net = mx.gluon.nn.Dense(3, in_units=4)
        net.initialize(MyInit())
        weight = net.weight.data()
        assert seen == [np.ndarray] and isinstance(weight, np.ndarray)
        values = weight.asnumpy()
        assert ((values == 0) | (onp.abs(values) >= 5)).all()
        dataset = mx.gluon.data.ArrayDataset(onp.ones((5, 4), 'float32'), onp.arange(5))
        x, y = next(iter(mx.gluon.data.DataLoader(dataset, batch_size=2)))
        assert isinstance(x, np.ndarray) and isinstance(y, np.ndarray)
        assert isinstance(x.copyto(mx.cpu()), np.ndarray) and isinstance(x.copy(), np.ndarray)
        assert isinstance(x.as_in_ctx(mx.cpu()), np.ndarray)
        npx.save(str(tmp_path / 'x'), x)
        assert isinstance(npx.load(str(tmp_path / 'x'))[0], np.ndarray)
    finally:
        npx.reset_np()
    x, _ = next(iter(mx.gluon.data.DataLoader(dataset, batch_size=2)))
    assert type(x) is mx.nd.NDArray                  # off again: classic NDArrays


def test_cumsum_meshgrid_norm_gradients_flow():
    x = np.array([[1., 2.], [3., 4.]])
    x.attach_grad()
    with mx.autograd.record():
        gx, gy = np.meshgrid(x[0], x[1])
        loss = (np.cumsum(x, axis=1) * np.array([[1., 10.], [100., 1000.]])).sum() + \
            np.linalg.norm(x) + (gx * gy).sum()
    loss.backward()
    norm = onp.sqrt(30.)
    want = onp.array([[11., 10.], [1100., 1000.]]) + x.asnumpy() / norm
    want[0] += x.asnumpy()[1].sum()    # d/dx0_i of sum_{i,j} x0_i x1_j = sum_j x1_j
    want[1] += x.asnumpy()[0].sum()
    onp.testing.assert_allclose(x.grad.asnumpy(), want, rtol=1e-5)


def test_random_shapes_and_dtypes_follow_numpy_signatures():
    assert np.random.randn(2, 3).shape == (2, 3) and np.random.randn(2, 3).dtype == onp.float32
    assert np.random.rand().shape == () and np.random.rand(4).shape == (4,)
    counts = np.random.multinomial(20, [0.5, 0.5], size=3)
    assert counts.shape == (3, 2) and (counts.asnumpy().sum(axis=1) == 20).all()
