"""The fused RNN op and gluon.rnn: side by side with MXNet 1.9.1 (tests/mxnet_rnn_semantics.py
runs under both: every mode, stacked and bidirectional, gradients of every input, the layers'
parameter names and shapes, the cells), numeric gradients in float64, the cells (a step-by-step
plain loop of ordinary ops) as a reference for the fused op, and the errors."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest

import tinynet as mx
from conftest import mxnet_python
from tinynet import autograd, gluon, nd
from tinynet.gluon import rnn
from tinynet.ops.rnn import param_size
from tinynet.test_utils import check_numeric_gradient

HERE = os.path.dirname(os.path.abspath(__file__))


def _answers(python, framework):
    run = subprocess.run([python, os.path.join(HERE, 'mxnet_rnn_semantics.py'), framework],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_rnn_agrees_with_mxnet():
    python = mxnet_python()
    want, got = _answers(python, 'mxnet'), _answers(sys.executable, 'tinynet')
    assert sorted(got) == sorted(want)
    for key, value in want.items():
        if 'params' in key or 'begin_state' in key:
            assert got[key] == value, key
            continue
        for mine, theirs in (zip(got[key], value) if isinstance(value[0][0], list) and
                             not isinstance(value[0][0][0], float) else [(got[key], value)]):
            np.testing.assert_allclose(np.array(mine), np.array(theirs), rtol=1e-4, atol=1e-5,
                                       err_msg=key)


@pytest.mark.parametrize('mode', ['rnn_tanh', 'rnn_relu', 'lstm', 'gru'])
@pytest.mark.parametrize('layers,bidirectional', [(1, False), (2, True)])
def test_numeric_gradient_float64(mode, layers, bidirectional):
    rng = np.random.default_rng(3)
    T, N, I, H, D = 3, 2, 3, 4, 2 if bidirectional else 1
    names = ['data', 'parameters', 'state'] + (['state_cell'] if mode == 'lstm' else [])
    net = mx.sym.RNN(*[mx.sym.var(n) for n in names], state_size=H, num_layers=layers,
                     mode=mode, bidirectional=bidirectional)
    location = {'data': rng.standard_normal((T, N, I)),
                'parameters': rng.standard_normal(param_size(mode, layers, I, H, bidirectional)) * .5,
                'state': rng.standard_normal((layers * D, N, H))}
    if mode == 'lstm':
        location['state_cell'] = rng.standard_normal((layers * D, N, H))
    if mode == 'rnn_relu':       # keep the pre-activations away from relu's kink
        location['data'] += np.sign(location['data'])
    check_numeric_gradient(net, location, numeric_eps=1e-6, rtol=1e-5, atol=1e-7,
                           dtype=np.float64)


@pytest.mark.parametrize('layer_cls,cell_cls', [(rnn.RNN, rnn.RNNCell), (rnn.LSTM, rnn.LSTMCell),
                                                (rnn.GRU, rnn.GRUCell)])
def test_the_fused_layer_is_the_cell_unrolled(layer_cls, cell_cls):
    """Values and gradients of the fused op against the same weights run step by step through
    the cell (FullyConnected, slices, sigmoid, tanh: ops checked on their own)."""
    T, N, I, H = 5, 3, 4, 6
    kwargs = {'activation': 'tanh'} if layer_cls is rnn.RNN else {}
    layer, cell = layer_cls(H, input_size=I, **kwargs), cell_cls(H, input_size=I)
    layer.initialize(mx.init.Uniform(0.5))
    cell.initialize()
    for part in ('i2h_weight', 'h2h_weight', 'i2h_bias', 'h2h_bias'):
        cell.collect_params()[cell.prefix + part].set_data(
            layer.collect_params()[layer.prefix + 'l0_' + part].data())
    x = nd.array(np.random.default_rng(0).standard_normal((T, N, I)))
    x.attach_grad()
    with autograd.record():
        fused = layer(x)
        (fused ** 2).sum().backward()
    fused_dx = x.grad.asnumpy().copy()
    with autograd.record():
        stepped, _ = cell.unroll(T, x, layout='TNC', merge_outputs=True)
        (stepped ** 2).sum().backward()
    np.testing.assert_allclose(fused.asnumpy(), stepped.asnumpy(), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(fused_dx, x.grad.asnumpy(), rtol=1e-4, atol=1e-6)
    weight = layer.collect_params()[layer.prefix + 'l0_h2h_weight'].grad().asnumpy()
    np.testing.assert_allclose(
        weight, cell.collect_params()[cell.prefix + 'h2h_weight'].grad().asnumpy(), rtol=1e-4,
        atol=1e-6)


def test_dropout_between_layers_only_in_training():
    layer = rnn.LSTM(8, num_layers=2, dropout=0.5, input_size=3)
    layer.initialize()
    x = nd.array(np.random.default_rng(0).standard_normal((4, 2, 3)))
    assert np.array_equal(layer(x).asnumpy(), layer(x).asnumpy())     # prediction: no dropout
    mx.random.seed(0)
    with autograd.record():
        a = layer(x)
    with autograd.record():
        b = layer(x)
    assert not np.allclose(a.asnumpy(), b.asnumpy())


def test_deferred_input_size_hybridize_and_training():
    net = gluon.nn.HybridSequential()
    net.add(rnn.GRU(16, layout='NTC'), gluon.nn.Dense(1, flatten=False))
    net.initialize(mx.init.Xavier())
    x = nd.array(np.random.default_rng(1).standard_normal((8, 5, 2)))
    y = x.sum(axis=2, keepdims=True)              # the running sum is learnable
    assert net(x).shape == (8, 5, 1)
    assert net[0].collect_params()[net[0].prefix + 'l0_i2h_weight'].shape == (48, 2)
    eager = net(x).asnumpy()
    net.hybridize()
    np.testing.assert_allclose(net(x).asnumpy(), eager, rtol=1e-5, atol=1e-6)
    trainer = gluon.Trainer(net.collect_params(), 'adam', {'learning_rate': 0.02})
    losses = []
    for _ in range(60):
        with autograd.record():
            loss = ((net(x) - y) ** 2).mean()
        loss.backward()
        trainer.step(1)
        losses.append(float(loss.asscalar()))
    assert losses[-1] < 0.2 * losses[0]


def test_states_in_and_out():
    layer = rnn.LSTM(4, num_layers=2, bidirectional=True, input_size=3)
    layer.initialize()
    states = layer.begin_state(batch_size=2)
    assert [s.shape for s in states] == [(4, 2, 4), (4, 2, 4)]
    out, new = layer(nd.ones((5, 2, 3)), states)
    assert out.shape == (5, 2, 8) and [s.shape for s in new] == [(4, 2, 4), (4, 2, 4)]
    # the last h of the left direction of the top layer is the output's last step
    np.testing.assert_allclose(new[0].asnumpy()[2], out.asnumpy()[-1, :, :4], rtol=1e-6)
    np.testing.assert_allclose(new[0].asnumpy()[3], out.asnumpy()[0, :, 4:], rtol=1e-6)


def test_bad_calls_are_named():
    layer = rnn.LSTM(4, input_size=3)
    layer.initialize()
    with pytest.raises(ValueError, match='takes 2 state'):
        layer(nd.ones((5, 2, 3)), [nd.zeros((1, 2, 4))])
    with pytest.raises(mx.base.MXNetError, match="argument 'state' has shape \\(1, 3, 4\\).*\\(1, 2, 4\\)"):
        layer(nd.ones((5, 2, 3)), [nd.zeros((1, 3, 4)), nd.zeros((1, 3, 4))])
    with pytest.raises(ValueError, match="layout must be 'TNC' or 'NTC'"):
        rnn.GRU(3, layout='CTN')
    with pytest.raises(NotImplementedError, match='projection_size'):
        rnn.LSTM(3, projection_size=2)
    with pytest.raises(NotImplementedError, match='one output in tinynet'):
        mx.sym.RNN(mx.sym.var('x'), mx.sym.var('p'), mx.sym.var('h'), state_size=3,
                   num_layers=1, mode='gru', state_outputs=True)
    net = gluon.nn.HybridSequential()
    net.add(rnn.GRU(3, input_size=2))
    net.initialize()
    with pytest.raises(ValueError, match='gru.*: data must be 3-D \\(TNC\\), got shape \\(2, 2\\)'):
        net(nd.ones((2, 2)))
    net.hybridize()
    with pytest.raises(mx.base.MXNetError, match="'gru.*begin_state': axis 2 is not an axis"):
        net(nd.ones((2, 2)))
