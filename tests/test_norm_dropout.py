"""BatchNorm and Dropout: against plain loops, float64 central differences, PyTorch when installed,
and MXNet's defaults and auxiliary states through symbols, Module and Gluon."""
import numpy as np
import pytest

import tinynet as mx
from tinynet import autograd, nd


def batch_norm_loops(x, gamma, beta, eps):
    """Plain-loop reference: each channel normalised over batch and pixels."""
    y = np.empty_like(x)
    n, c = x.shape[:2]
    for k in range(c):
        values = x[:, k].reshape(-1)
        mu = sum(values) / len(values)
        var = sum((v - mu) ** 2 for v in values) / len(values)
        y[:, k] = gamma[k] * (x[:, k] - mu) / np.sqrt(var + eps) + beta[k]
    return y


def test_batch_norm_forward_matches_loops_and_updates_the_moving_statistics(rng):
    x = rng.standard_normal((3, 2, 4, 5))
    gamma, beta = rng.uniform(0.5, 2, 2), rng.standard_normal(2)
    mm, mv = nd.zeros(2, dtype='float64'), nd.ones(2, dtype='float64')
    with autograd.train_mode():
        y = nd.BatchNorm(nd.array(x, dtype='float64'), nd.array(gamma, dtype='float64'),
                         nd.array(beta, dtype='float64'), mm, mv, fix_gamma=False, eps=1e-3)
    np.testing.assert_allclose(y.asnumpy(), batch_norm_loops(x, gamma, beta, 1e-3), rtol=1e-10)
    mu, var = x.mean(axis=(0, 2, 3)), x.var(axis=(0, 2, 3))
    np.testing.assert_allclose(mm.asnumpy(), 0.1 * mu, rtol=1e-10)
    np.testing.assert_allclose(mv.asnumpy(), 0.9 + 0.1 * var, rtol=1e-10)
    # prediction uses the moving statistics and leaves them alone
    y = nd.BatchNorm(nd.array(x, dtype='float64'), nd.array(gamma, dtype='float64'),
                     nd.array(beta, dtype='float64'), mm, mv, fix_gamma=False, eps=1e-3)
    expected = gamma[None, :, None, None] * (x - 0.1 * mu[None, :, None, None]) / np.sqrt(
        0.9 + 0.1 * var[None, :, None, None] + 1e-3) + beta[None, :, None, None]
    np.testing.assert_allclose(y.asnumpy(), expected, rtol=1e-10)
    np.testing.assert_allclose(mm.asnumpy(), 0.1 * mu, rtol=1e-10)


@pytest.mark.parametrize('training, fix_gamma', [(True, False), (True, True), (False, False)])
def test_batch_norm_gradients_match_central_differences(rng, training, fix_gamma):
    x, gamma, beta = rng.standard_normal((3, 2, 2, 3)), rng.uniform(0.5, 2, 2), rng.standard_normal(2)
    mm, mv = rng.standard_normal(2), rng.uniform(0.5, 2, 2)
    head = rng.uniform(0.5, 1.5, x.shape) * rng.choice([-1.0, 1.0], x.shape)
    mode = autograd.train_mode if training else autograd.predict_mode

    def f(xa, ga, ba):
        with mode():
            return nd.BatchNorm(nd.array(xa, dtype='float64'), nd.array(ga, dtype='float64'),
                                nd.array(ba, dtype='float64'), nd.array(mm, dtype='float64'),
                                nd.array(mv, dtype='float64'), fix_gamma=fix_gamma, eps=1e-3)
    inputs = [nd.array(a, dtype='float64') for a in (x, gamma, beta)]
    for a in inputs:
        a.attach_grad()
    with autograd.record(train_mode=training):
        y = nd.BatchNorm(*inputs, nd.array(mm, dtype='float64'), nd.array(mv, dtype='float64'),
                         fix_gamma=fix_gamma, eps=1e-3)
    y.backward(nd.array(head, dtype='float64'))
    arrays = [x, gamma, beta]
    for k, a in enumerate(arrays):
        numeric = np.zeros_like(a)
        for i in np.ndindex(a.shape):
            values = []
            for delta in (1e-6, -1e-6):
                changed = [b.copy() for b in arrays]
                changed[k][i] += delta
                values.append(float((f(*changed).asnumpy() * head).sum()))
            numeric[i] = (values[0] - values[1]) / 2e-6
        if k == 1 and fix_gamma:
            numeric[...] = 0                 # gamma is held at 1: no gradient
        np.testing.assert_allclose(inputs[k].grad.asnumpy(), numeric, rtol=1e-5, atol=1e-7,
                                   err_msg='input %d' % k)


def test_dropout_drops_in_training_only_and_scales_the_rest(rng):
    x = nd.ones((200, 50))
    mx.random.seed(5)
    with autograd.record():
        y = nd.Dropout(x, p=0.3)
    kept = (y.asnumpy() != 0)
    assert 0.65 < kept.mean() < 0.75
    np.testing.assert_allclose(y.asnumpy()[kept], 1 / 0.7, rtol=1e-6)
    assert (nd.Dropout(x, p=0.3).asnumpy() == 1).all()          # prediction: the identity
    x.attach_grad()
    with autograd.record():
        y = nd.Dropout(x, p=0.3, axes=(1,))
    y.backward()
    g = x.grad.asnumpy()
    np.testing.assert_array_equal(g, y.asnumpy())                # dx = dy mask, and dy = 1
    assert (g == g[:, :1]).all()                                  # one mask value per row
    mx.random.seed(5)
    with autograd.train_mode():
        again = nd.Dropout(nd.ones((200, 50)), p=0.3).asnumpy()
    mx.random.seed(5)
    with autograd.train_mode():
        assert (nd.Dropout(nd.ones((200, 50)), p=0.3).asnumpy() == again).all()


def test_symbol_defaults_and_auxiliary_states_in_module(rng):
    data = mx.sym.var('data')
    net = mx.sym.BatchNorm(mx.sym.FullyConnected(data, num_hidden=4, name='fc'), name='bn')
    net = mx.sym.SoftmaxOutput(mx.sym.Dropout(net, p=0.2, name='drop'), name='softmax')
    assert net.list_auxiliary_states() == ['bn_moving_mean', 'bn_moving_var']
    op = mx.ops.BatchNorm('bn')
    assert (op.eps, op.momentum, op.fix_gamma) == (1e-3, 0.9, True)
    x = rng.standard_normal((40, 6)).astype(np.float32)
    y = (x[:, 0] > 0).astype(np.float32)
    mod = mx.mod.Module(net)
    mod.fit(mx.io.NDArrayIter(x, y, batch_size=10), num_epoch=2,
            optimizer_params={'learning_rate': 0.1})
    arg, aux = mod.get_params()
    assert sorted(aux) == ['bn_moving_mean', 'bn_moving_var']
    assert not np.allclose(aux['bn_moving_mean'], 0)              # changed by training steps
    np.testing.assert_array_equal(arg['bn_gamma'], np.ones(4))    # fix_gamma holds it at 1
    before = {k: v.copy() for k, v in aux.items()}
    mod.predict(mx.io.NDArrayIter(x, None, batch_size=10))
    after = mod.get_params()[1]
    for k in before:                                              # prediction leaves them alone
        np.testing.assert_array_equal(before[k], after[k])


def test_gluon_batch_norm_defaults_and_names():
    bn = mx.gluon.nn.BatchNorm()
    names = list(bn.collect_params().keys())
    assert [n.split('_', 1)[1] for n in names] == ['gamma', 'beta', 'running_mean', 'running_var']
    assert 'eps=1e-05' in repr(bn) and 'fix_gamma=False' in repr(bn)


def test_batch_norm_and_dropout_match_torch(rng):
    torch = pytest.importorskip('torch')
    x = rng.standard_normal((4, 3, 5, 5))
    gamma, beta = rng.uniform(0.5, 2, 3), rng.standard_normal(3)
    dy = rng.standard_normal(x.shape)
    tx, tg, tb = (torch.tensor(a, requires_grad=True) for a in (x, gamma, beta))
    ty = torch.nn.functional.batch_norm(tx, torch.zeros(3, dtype=torch.float64),
                                        torch.ones(3, dtype=torch.float64), tg, tb, training=True,
                                        momentum=0.1, eps=1e-5)
    ty.backward(torch.tensor(dy))
    xs = [nd.array(a, dtype='float64') for a in (x, gamma, beta)]
    for a in xs:
        a.attach_grad()
    with autograd.record():
        y = nd.BatchNorm(*xs, nd.zeros(3, dtype='float64'), nd.ones(3, dtype='float64'),
                         fix_gamma=False, eps=1e-5)
    y.backward(nd.array(dy, dtype='float64'))
    np.testing.assert_allclose(y.asnumpy(), ty.detach().numpy(), rtol=1e-10, atol=1e-12)
    for a, t in zip(xs, (tx, tg, tb)):
        np.testing.assert_allclose(a.grad.asnumpy(), t.grad.numpy(), rtol=1e-9, atol=1e-11)
