"""Gluon: names, deferred shapes, gradients of blocks, the Trainer over replicas, hybridize and
export, saving, losses."""
import numpy as np
import pytest

import tinynet as mx
from tinynet import autograd, gluon, nd
from tinynet.gluon import nn


def mlp():
    net = nn.Sequential()
    with net.name_scope():
        net.add(nn.Dense(8, activation='tanh'))
        net.add(nn.Dense(3))
    return net


def test_names_repr_and_collect_params():
    net = mlp()
    prefix = net.prefix
    assert prefix.startswith('sequential') and prefix.endswith('_')
    names = list(net.collect_params().keys())
    assert names == [prefix + n for n in ('dense0_weight', 'dense0_bias', 'dense1_weight',
                                          'dense1_bias')]
    assert list(net.collect_params('.*weight').keys()) == [names[0], names[2]]
    assert repr(net) == ('Sequential(\n  (0): Dense(None -> 8, Activation(tanh))\n'
                         '  (1): Dense(None -> 3, linear)\n)')
    assert net[0].weight.shape == (8, 0)                 # deferred: 0 until the first forward
    net.initialize()
    with pytest.raises(gluon.DeferredInitializationError, match='run a forward pass'):
        net[0].weight.data()
    net(nd.ones((2, 5)))
    assert net[0].weight.shape == (8, 5) and 'Dense(5 -> 8' in repr(net)


def numeric_check(block, x, rng, eps=1e-6):
    """The block's gradients (input and every parameter) against central differences, float64."""
    head = rng.uniform(0.5, 1.5, block(x).shape) * rng.choice([-1.0, 1.0], block(x).shape)
    x.attach_grad()
    with autograd.record():
        out = block(x)
    out.backward(nd.array(head, dtype='float64'))
    arrays = [('x', x)] + [(p.name, p.data()) for p in block.collect_params().values()]
    for name, a in arrays:
        values, analytic = a.asnumpy(), a.grad.asnumpy().copy()
        numeric = np.zeros_like(values)
        flat = values.reshape(-1)
        for i in range(flat.size):
            f = []
            for delta in (eps, -eps):
                changed = flat.copy()
                changed[i] += delta
                a[:] = changed.reshape(values.shape)
                f.append(float((block(x).asnumpy() * head).sum()))
            numeric.reshape(-1)[i] = (f[0] - f[1]) / (2 * eps)
        a[:] = values
        np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-8, err_msg=name)


@pytest.mark.parametrize('make, shape', [
    (lambda: nn.Dense(4, activation='sigmoid', in_units=6), (3, 6)),
    (lambda: nn.Dense(3, flatten=True), (2, 2, 3)),
    (lambda: nn.Conv2D(3, kernel_size=3, padding=1, strides=2, activation='tanh'), (2, 2, 5, 5)),
])
def test_block_gradients_match_central_differences(rng, make, shape):
    block = make()
    block.cast('float64')
    block.initialize(mx.init.Xavier())
    numeric_check(block, nd.array(rng.standard_normal(shape), dtype='float64'), rng)


def train_steps(ctx_list, batches, seed=3):
    mx.random.seed(seed)
    net = mlp()
    net.initialize(mx.init.Xavier(), ctx=ctx_list)
    trainer = gluon.Trainer(net.collect_params(), 'sgd', {'learning_rate': 0.5, 'momentum': 0.9})
    loss_fn = gluon.loss.SoftmaxCrossEntropyLoss()
    for x, y in batches:
        data = gluon.utils.split_and_load(x, ctx_list)
        label = gluon.utils.split_and_load(y, ctx_list)
        with autograd.record():
            for d, l in zip(data, label):
                loss_fn(net(d), l).backward()
        trainer.step(x.shape[0])
    return net


def test_two_replicas_train_as_one_on_the_combined_batch(rng):
    batches = [(rng.standard_normal((8, 5)).astype(np.float32),
                rng.integers(0, 3, 8).astype(np.float32)) for _ in range(4)]
    one = train_steps([mx.cpu(0)], batches)
    two = train_steps([mx.cpu(0), mx.cpu(1)], batches)
    for (name, p1), p2 in zip(one.collect_params().items(), two.collect_params().values()):
        replicas = p2.list_data()
        assert [r.context for r in replicas] == [mx.cpu(0), mx.cpu(1)]
        np.testing.assert_array_equal(replicas[0].asnumpy(), replicas[1].asnumpy())
        np.testing.assert_allclose(replicas[0].asnumpy(), p1.data().asnumpy(), rtol=1e-5,
                                   atol=1e-6, err_msg=name)


def test_trainer_rescales_by_the_batch_size_and_refuses_stale_gradients():
    net = nn.Dense(1, in_units=1, use_bias=False)
    net.initialize(mx.init.One())
    trainer = gluon.Trainer(net.collect_params(), 'sgd', {'learning_rate': 1.0})
    x = nd.array([[1.0], [2.0], [3.0], [4.0]])
    with autograd.record():
        y = net(x)                     # dy/dw = sum(x) = 10
    y.backward()
    trainer.step(4)                    # w = 1 - 10 / 4
    assert net.weight.data().asnumpy().tolist() == [[-1.5]]
    with pytest.raises(RuntimeError, match='has not been updated by backward since the last step'):
        trainer.step(4)
    trainer.step(4, ignore_stale_grad=True)
    assert net.weight.data().asnumpy().tolist() == [[-1.5]]
    trainer.set_learning_rate(0.1)
    assert trainer.learning_rate == pytest.approx(0.1)


class SmallNet(gluon.HybridBlock):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        with self.name_scope():
            self.conv = nn.Conv2D(4, kernel_size=3, activation='relu')
            self.pool = nn.MaxPool2D()
            self.fc = nn.Dense(3)

    def hybrid_forward(self, F, x):
        return self.fc(self.pool(self.conv(x)))


def forward_backward(net, x):
    x = x.copy()
    x.attach_grad()
    with autograd.record():
        out = net(x)
        loss = (out * out).sum()
    loss.backward()
    return out.asnumpy(), x.grad.asnumpy(), [p.grad().asnumpy().copy()
                                             for p in net.collect_params().values()]


def test_hybridize_gives_the_same_outputs_and_gradients(rng, tmp_path):
    net = SmallNet()
    net.initialize(mx.init.Xavier())
    x = nd.array(rng.standard_normal((2, 1, 8, 8)))
    plain = forward_backward(net, x)
    net.hybridize()
    hybrid = forward_backward(net, x)
    np.testing.assert_allclose(hybrid[0], plain[0], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(hybrid[1], plain[1], rtol=1e-5, atol=1e-6)
    for a, b in zip(hybrid[2], plain[2]):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    # export: Module.load and SymbolBlock.imports predict what the block does
    prefix = str(tmp_path / 'small')
    net.export(prefix, epoch=3)
    block = gluon.SymbolBlock.imports(prefix + '-symbol.json', ['data'], prefix + '-0003.params')
    np.testing.assert_allclose(block(x).asnumpy(), plain[0], rtol=1e-5, atol=1e-6)
    mod = mx.mod.Module.load(prefix, 3, label_names=None)
    mod.bind([('data', x.shape)], for_training=False)
    np.testing.assert_allclose(mod.predict(x.asnumpy()), plain[0], rtol=1e-5, atol=1e-6)


class ArrayOpsNet(gluon.HybridBlock):
    """hybrid_forward written with the array ops learners use beside layers: activations, reshape
    codes, arithmetic with numbers and with symbols, reductions, log_softmax and pick."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        with self.name_scope():
            self.conv = nn.Conv2D(3, kernel_size=3)
            self.fc = nn.Dense(4)

    def hybrid_forward(self, F, x):
        z = self.fc(F.tanh(self.conv(x)).reshape((0, -1)))
        z = (2.0 - F.relu(z)) * 3 / (F.square(z) + 5) + F.maximum(z, 0.5) - F.sigmoid(z) ** 2 \
            + F.exp(-F.abs(z)) + 1 / (2 + z * z) + 2 ** z
        z = z - z.mean(axis=1, keepdims=True) + F.sqrt(F.square(z) + 1) * z.max(axis=1,
                                                                                   keepdims=True)
        label = F.sum(F.sign(x.reshape((0, -1))) * 0, axis=1) + 2          # class 2 for each row
        return F.log_softmax(z) * 0.5 - F.pick(F.log_softmax(z), label, keepdims=True)


@pytest.mark.parametrize('batch', [2, 5])
def test_hybridize_traces_the_array_ops_and_export_round_trips_them(rng, tmp_path, batch):
    net = ArrayOpsNet()
    net.initialize(mx.init.Xavier())
    x = nd.array(rng.standard_normal((batch, 1, 6, 6)))
    plain = forward_backward(net, x)
    net.hybridize()
    hybrid = forward_backward(net, x)
    assert type(net._cached[0]).__name__ == 'Symbol'           # traced, not run imperatively
    for got, want in zip([hybrid[0], hybrid[1]] + hybrid[2], [plain[0], plain[1]] + plain[2]):
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    # the traced reshape((0, -1)) fits another batch size
    other = nd.array(rng.standard_normal((batch + 1, 1, 6, 6)))
    assert net(other).shape == (batch + 1, 4)
    # symbol JSON keeps the new ops' attributes (scalars, reverse, axes, codes) exactly
    prefix = str(tmp_path / 'ops')
    net.export(prefix, epoch=1)
    block = gluon.SymbolBlock.imports(prefix + '-symbol.json', ['data'], prefix + '-0001.params')
    np.testing.assert_allclose(block(x).asnumpy(), plain[0], rtol=1e-5, atol=1e-6)
    mod = mx.mod.Module.load(prefix, 1, label_names=None)
    mod.bind([('data', x.shape)], for_training=False)
    np.testing.assert_allclose(mod.predict(x.asnumpy()), plain[0], rtol=1e-5, atol=1e-6)


def test_symbol_arithmetic_refuses_what_it_cannot_build():
    data = mx.sym.var('data')
    with pytest.raises(TypeError, match="cannot multiply a Symbol and a str"):
        data * 'x'
    with pytest.raises(ValueError, match="argument 'axis' must be an int or a tuple of ints"):
        mx.sym.sum(data, axis='rows')
    shapes = (np.float32(2) * data.reshape((0, -1)) - np.int64(1)).infer_shape(data=(3, 4, 5))[1]
    assert shapes == [(3, 20)]


def test_export_needs_a_hybridized_block_run_once(tmp_path):
    net = SmallNet()
    net.initialize()
    with pytest.raises(RuntimeError, match='hybridize\\(\\) the block and run it once'):
        net.export(str(tmp_path / 'x'))


def test_save_and_load_parameters(tmp_path, rng):
    net = SmallNet()
    net.initialize(mx.init.Xavier())
    x = nd.array(rng.standard_normal((1, 1, 8, 8)))
    expected = net(x).asnumpy()
    path = str(tmp_path / 'net.params')
    net.save_parameters(path)
    other = SmallNet()
    other.load_parameters(path)
    np.testing.assert_array_equal(other(x).asnumpy(), expected)
    wrong = nn.Dense(3)
    with pytest.raises(ValueError, match='load_parameters: .*has no values for'):
        wrong.load_parameters(path)


def test_losses_against_their_formulas(rng):
    pred = rng.standard_normal((4, 5))
    label = rng.integers(0, 5, 4)
    log_p = pred - np.log(np.exp(pred).sum(axis=1, keepdims=True))
    ce = gluon.loss.SoftmaxCrossEntropyLoss()(nd.array(pred), nd.array(label)).asnumpy()
    np.testing.assert_allclose(ce, -log_p[np.arange(4), label], rtol=1e-5)
    dense = np.eye(5)[label]
    ce_dense = gluon.loss.SoftmaxCrossEntropyLoss(sparse_label=False)(
        nd.array(pred), nd.array(dense)).asnumpy()
    np.testing.assert_allclose(ce_dense, ce, rtol=1e-5)
    ce_logits = gluon.loss.SoftmaxCrossEntropyLoss(from_logits=True)(
        nd.array(log_p), nd.array(label), nd.array([[1.0], [2.0], [0.0], [1.0]])).asnumpy()
    np.testing.assert_allclose(ce_logits, ce * [1, 2, 0, 1], rtol=1e-5)
    target = rng.standard_normal((4, 5))
    np.testing.assert_allclose(gluon.loss.L2Loss()(nd.array(pred), nd.array(target)).asnumpy(),
                               ((pred - target) ** 2 / 2).mean(axis=1), rtol=1e-5)
    np.testing.assert_allclose(gluon.loss.L1Loss()(nd.array(pred), nd.array(target)).asnumpy(),
                               np.abs(pred - target).mean(axis=1), rtol=1e-5)
    z = rng.integers(0, 2, (4, 5)).astype(float)
    s = 1 / (1 + np.exp(-pred))
    bce = gluon.loss.SigmoidBinaryCrossEntropyLoss()(nd.array(pred), nd.array(z)).asnumpy()
    np.testing.assert_allclose(bce, (-(z * np.log(s) + (1 - z) * np.log(1 - s))).mean(axis=1),
                               rtol=1e-5)


def test_split_data_gives_the_remainder_to_the_first_slices_and_split_and_load_places_them():
    """As MXNet 1.9.1 (run there): 7 rows in 3 slices are 3, 2, 2; 10 in 4 are 3, 3, 2, 2."""
    parts = gluon.utils.split_data(nd.arange(7), 3, even_split=False)
    assert [p.asnumpy().tolist() for p in parts] == [[0, 1, 2], [3, 4], [5, 6]]
    assert [p.shape[0] for p in gluon.utils.split_data(nd.arange(10), 4, even_split=False)] == \
        [3, 3, 2, 2]
    with pytest.raises(ValueError, match='cannot be split evenly'):
        gluon.utils.split_data(nd.arange(7), 3)
    loaded = gluon.utils.split_and_load(np.zeros((4, 2)), [mx.cpu(0), mx.cpu(1)])
    assert [a.context for a in loaded] == [mx.cpu(0), mx.cpu(1)] and loaded[1].shape == (2, 2)


def test_metric_takes_ndarrays_on_several_contexts():
    acc = mx.metric.Accuracy()
    acc.update([nd.array([1, 0]), nd.array([2], ctx=mx.cpu(1))],
               [nd.array([[0, 1], [1, 0]]), nd.array([[0, 0, 1]], ctx=mx.cpu(1))])
    assert acc.get() == ('accuracy', 1.0)


def test_summary_lists_layers_and_parameters(capsys):
    net = mlp()
    net.initialize()
    net.summary(nd.ones((2, 5)))
    out = capsys.readouterr().out
    assert 'Dense' in out and 'Total params: %d' % (5 * 8 + 8 + 8 * 3 + 3) in out


def test_trainer_states_round_trip_and_clip_global_norm(tmp_path):
    net = nn.Dense(2, in_units=3)
    net.initialize(mx.init.One())
    trainer = gluon.Trainer(net.collect_params(), 'sgd', {'learning_rate': 0.1, 'momentum': 0.9})
    with autograd.record():
        net(nd.ones((4, 3))).backward()
    trainer.step(4)
    path = str(tmp_path / 'trainer.states')
    trainer.save_states(path)
    other = gluon.Trainer(net.collect_params(), 'sgd', {'learning_rate': 0.1, 'momentum': 0.9})
    other.load_states(path)
    for name, state in trainer._updater.states.items():
        np.testing.assert_array_equal(mx.backend.to_numpy(other._updater.states[name]),
                                      mx.backend.to_numpy(state))
    arrays = [nd.array([3.0, 0.0]), nd.array([4.0])]
    norm = gluon.utils.clip_global_norm(arrays, 1.0)
    assert norm == pytest.approx(5.0)
    np.testing.assert_allclose(arrays[0].asnumpy(), [0.6, 0.0], rtol=1e-6)


def test_an_exported_block_predicts_probabilities_from_the_command_line_helper(tmp_path, rng):
    pytest.importorskip('PIL')
    from tinynet import predict
    from PIL import Image
    net = nn.HybridSequential()
    net.add(nn.Dense(10, in_units=784))
    net.initialize(mx.init.Xavier())
    net.hybridize()
    net(nd.zeros((1, 1, 28, 28)))
    net.export(str(tmp_path / 'g'), epoch=1)
    image = np.zeros((28, 28), np.uint8)
    image[8:20, 12:16] = 255
    Image.fromarray(image).save(str(tmp_path / 'digit.png'))
    (path, guesses), = predict.predict_files([str(tmp_path / 'digit.png')], str(tmp_path / 'g'), 1,
                                             top=10)
    probabilities = [p for _, p in guesses]
    assert sum(probabilities) == pytest.approx(1.0, abs=1e-5) and min(probabilities) > 0


@pytest.mark.parametrize('label', [[2.5, 0], [7, 0], [-1, 0]])
def test_cross_entropy_loss_refuses_labels_that_are_not_classes(label):
    with pytest.raises(ValueError, match='SoftmaxCrossEntropyLoss: labels must be class numbers '
                                         '0 to 2'):
        gluon.loss.SoftmaxCrossEntropyLoss()(nd.zeros((2, 3)), nd.array(label))


def test_zero_grad_and_list_ctx():
    net = nn.Dense(2, in_units=3)
    net.initialize(ctx=[mx.cpu(0), mx.cpu(1)])
    assert net.weight.list_ctx() == [mx.cpu(0), mx.cpu(1)]
    with autograd.record():
        net(nd.ones((1, 3), ctx=mx.cpu(1))).backward()
    assert net.weight.grad(mx.cpu(1)).asnumpy().sum() != 0
    net.collect_params().zero_grad()
    assert net.weight.grad(mx.cpu(1)).asnumpy().sum() == 0


def test_hybridized_batch_norm_and_dropout_follow_the_training_mode(rng):
    def make():
        mx.random.seed(8)
        net = nn.HybridSequential()
        net.add(nn.Dense(6, in_units=4), nn.BatchNorm(), nn.Dropout(0.5))
        net.initialize(mx.init.Xavier())
        return net
    x = nd.array(rng.standard_normal((5, 4)))
    for train_mode in (False, True):
        outs = []
        for hybrid in (False, True):
            net = make()
            if hybrid:
                net.hybridize()
            mx.random.seed(9)
            with autograd.record(train_mode=train_mode):
                out = net(x)
            outs.append((out.asnumpy(), net[1].running_mean.data().asnumpy()))
        np.testing.assert_allclose(outs[1][0], outs[0][0], rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(outs[1][1], outs[0][1], rtol=1e-5, atol=1e-7)
        assert (outs[0][1] != 0).any() == train_mode       # statistics move only in training


LOSS_CASES = {
    'softmax ce, sparse': (lambda: gluon.loss.SoftmaxCrossEntropyLoss(), (4, 5), 'class'),
    'softmax ce, dense, axis 1 of 3-D': (
        lambda: gluon.loss.SoftmaxCrossEntropyLoss(axis=1, sparse_label=False), (2, 3, 4),
        'probabilities'),
    'softmax ce, from logits, weighted': (
        lambda: gluon.loss.SoftmaxCrossEntropyLoss(from_logits=True, weight=0.5), (4, 5), 'class'),
    'l2 with sample weights': (lambda: gluon.loss.L2Loss(), (4, 3), 'same'),
    'l1 on a (N, 1) prediction': (lambda: gluon.loss.L1Loss(), (4, 1), 'flat'),
    'sigmoid bce': (lambda: gluon.loss.SigmoidBinaryCrossEntropyLoss(), (3, 4), 'binary'),
    'sigmoid bce from sigmoid, batch axis 1': (
        lambda: gluon.loss.SigmoidBinaryCrossEntropyLoss(from_sigmoid=True, batch_axis=1), (3, 4),
        'binary'),
}


def loss_inputs(rng, shape, kind):
    pred = rng.standard_normal(shape)
    if kind == 'class':
        label = rng.integers(0, shape[-1], shape[0])
    elif kind == 'probabilities':
        label = rng.dirichlet(np.ones(shape[1]), (shape[0], shape[2])).transpose(0, 2, 1)
    elif kind == 'binary':
        pred = rng.uniform(0.1, 0.9, shape)
        label = rng.integers(0, 2, shape)
    elif kind == 'flat':
        label = rng.standard_normal(shape[0])                # (N,) against (N, 1): reshaped
    else:
        label = rng.standard_normal(shape)
    return nd.array(pred), nd.array(label)


@pytest.mark.parametrize('case', sorted(LOSS_CASES))
def test_every_loss_hybridizes_to_the_same_values_and_gradients(rng, case):
    make, shape, kind = LOSS_CASES[case]
    pred, label = loss_inputs(rng, shape, kind)
    weight = nd.array(rng.uniform(0.5, 1.5, (shape[0], 1))) if 'sample' in case else None
    results = []
    for hybrid in (False, True):
        loss_fn = make()
        if hybrid:
            loss_fn.hybridize()
        x = pred.copy()
        x.attach_grad()
        with autograd.record():
            loss = loss_fn(x, label) if weight is None else loss_fn(x, label, weight)
        loss.backward()
        results.append((loss.asnumpy(), x.grad.asnumpy()))
        assert (loss_fn._cached is not None) == hybrid          # the hybrid one ran its graph
    np.testing.assert_allclose(results[1][0], results[0][0], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(results[1][1], results[0][1], rtol=1e-5, atol=1e-6)
    axis = 1 if 'batch axis 1' in case else 0
    assert results[0][0].shape == (shape[axis],)


def test_a_hybridized_loss_still_checks_its_labels_and_a_block_may_hold_one(rng):
    loss_fn = gluon.loss.SoftmaxCrossEntropyLoss()
    loss_fn.hybridize()
    with pytest.raises(ValueError, match='labels must be class numbers 0 to 2, got \\[3.0\\]'):
        loss_fn(nd.ones((2, 3)), nd.array([0, 3]))

    class WithLoss(gluon.HybridBlock):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            with self.name_scope():
                self.fc = nn.Dense(3)
                self.loss = gluon.loss.SoftmaxCrossEntropyLoss()

        def hybrid_forward(self, F, x, label):
            return self.loss(self.fc(x), label)

    net = WithLoss()
    net.initialize(mx.init.Xavier())
    x, label = nd.array(rng.standard_normal((4, 5))), nd.array([0, 2, 1, 2])
    plain = net(x, label).asnumpy()
    net.hybridize()
    np.testing.assert_allclose(net(x, label).asnumpy(), plain, rtol=1e-5, atol=1e-6)
    assert 'pick' in net._cached[0].tojson()


def test_a_block_called_twice_shares_its_weights_when_hybridized(rng, tmp_path):
    class Twice(gluon.HybridBlock):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            with self.name_scope():
                self.fc = nn.Dense(3, in_units=3, activation='tanh')

        def hybrid_forward(self, F, x):
            return self.fc(self.fc(x))

    net = Twice()
    net.initialize(mx.init.Xavier())
    x = nd.array(rng.standard_normal((2, 3)))
    plain = forward_backward(net, x)
    net.hybridize()
    hybrid = forward_backward(net, x)
    for got, want in zip([hybrid[0], hybrid[1]] + hybrid[2], [plain[0], plain[1]] + plain[2]):
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-7)
    symbol = net._cached[0]
    assert [n.name for n in symbol.topological_nodes() if n.op is not None] == [
        'twice0_dense0_fwd', 'twice0_dense0_tanh_fwd', 'twice0_dense0_fwd1',
        'twice0_dense0_tanh_fwd1']
    assert symbol.list_arguments() == ['data', 'twice0_dense0_weight', 'twice0_dense0_bias']
    net.export(str(tmp_path / 'twice'), epoch=0)
    mod = mx.mod.Module.load(str(tmp_path / 'twice'), 0, label_names=None)
    mod.bind([('data', x.shape)], for_training=False)
    np.testing.assert_allclose(mod.predict(x.asnumpy()), plain[0], rtol=1e-6, atol=1e-7)


def test_trainer_step_refuses_a_batch_size_that_is_not_positive():
    net = nn.Dense(2)
    net.initialize()
    trainer = gluon.Trainer(net.collect_params(), 'sgd', {'learning_rate': 0.1})
    with autograd.record():
        loss = net(nd.ones((3, 4))).sum()
    loss.backward()
    before = net.weight.data().asnumpy()
    for bad in (0, -3, 0.0):
        with pytest.raises(ValueError, match='batch_size must be a positive number'):
            trainer.step(bad)
    np.testing.assert_array_equal(net.weight.data().asnumpy(), before)   # no ascent, no inf


def test_a_stale_gradient_raises_the_class_mxnet_code_catches():
    net = nn.Dense(2)
    net.initialize()
    net(nd.ones((1, 4)))
    trainer = gluon.Trainer(net.collect_params(), 'sgd')
    with pytest.raises(UserWarning, match='has not been updated by backward'):
        trainer.step(1)


def test_a_numpy_array_given_to_a_block_gets_an_error_that_says_what_to_pass():
    net = nn.Dense(2)
    net.initialize()
    with pytest.raises(TypeError, match=r'Dense: input 0 is a ndarray; .*mx.nd.array\(x\)'):
        net(np.ones((3, 4), np.float32))


@pytest.mark.parametrize('make, expect', [
    (lambda: nn.LeakyReLU(0.1), [-0.2, -0.05, 0.5, 2.0]),
    (lambda: nn.PReLU(), [-0.5, -0.125, 0.5, 2.0]),
    (lambda: nn.ELU(), list(np.where(np.array([-2, -.5, .5, 2.]) > 0, [-2, -.5, .5, 2.],
                                     np.expm1([-2, -.5, .5, 2.])))),
    (lambda: nn.SELU(), [-1.5201665, -0.6917582, 0.5253505, 2.101402]),     # MXNet 1.9.1's
    (lambda: nn.Swish(), list(np.array([-2, -.5, .5, 2.]) / (1 + np.exp(-np.array([-2, -.5, .5, 2.]))))),
])
def test_the_activation_layers_of_mxnets_guide_compute_and_hybridize(make, expect):
    """The values MXNet 1.9.1 gives (LeakyReLU and PReLU's 0.25 default checked there)."""
    x = nd.array([[-2.0, -0.5, 0.5, 2.0]])
    for hybrid in (False, True):
        layer = make()
        layer.initialize()
        if hybrid:
            layer.hybridize()
        np.testing.assert_allclose(layer(x).asnumpy()[0], expect, rtol=1e-6)


def test_lambda_blocks_wrap_a_function_name_or_a_callable():
    x = mx.nd.array([-1.0, 2.0])
    assert mx.gluon.nn.Lambda('relu')(x).asnumpy().tolist() == [0, 2]
    leaky = mx.gluon.nn.HybridLambda(lambda F, v: F.LeakyReLU(v, slope=0.1))
    tanh = mx.gluon.nn.HybridLambda('tanh')
    for block in (leaky, tanh):
        eager = block(x).asnumpy()
        block.hybridize()
        np.testing.assert_allclose(block(x).asnumpy(), eager, rtol=1e-6)
    np.testing.assert_allclose(leaky(x).asnumpy(), [-0.1, 2.0], rtol=1e-6)
    np.testing.assert_allclose(tanh(x).asnumpy(), np.tanh([-1.0, 2.0]), rtol=1e-6)
    with pytest.raises(ValueError, match="HybridLambda: 'no_such' is not a function"):
        mx.gluon.nn.HybridLambda('no_such')


def test_apply_and_the_older_save_params_names(tmp_path):
    net = mx.gluon.nn.HybridSequential(prefix='net_')
    with net.name_scope():
        net.add(mx.gluon.nn.Dense(3, in_units=2), mx.gluon.nn.Dense(1, in_units=3))
    net.initialize()
    seen = []
    assert net.apply(lambda block: seen.append(type(block).__name__)) is net
    assert seen == ['Dense', 'Dense', 'HybridSequential']
    with pytest.warns(UserWarning, match='save_params is deprecated'):
        net.save_params(str(tmp_path / 'p.params'))
    assert sorted(mx.nd.load(str(tmp_path / 'p.params'))) == [
        'dense0_bias', 'dense0_weight', 'dense1_bias', 'dense1_weight']
    other = mx.gluon.nn.HybridSequential(prefix='net_')
    with other.name_scope():
        other.add(mx.gluon.nn.Dense(3, in_units=2), mx.gluon.nn.Dense(1, in_units=3))
    other.initialize()
    with pytest.warns(UserWarning, match='load_params is deprecated'):
        other.load_params(str(tmp_path / 'p.params'))
    x = mx.nd.ones((2, 2))
    np.testing.assert_array_equal(other(x).asnumpy(), net(x).asnumpy())



BCE_POS_WEIGHT_SCRIPT = r'''
import sys
if sys.argv[1] == 'mxnet':
    import mxnet as mx
else:
    import tinynet as mx
import json
import numpy as np
rs = np.random.RandomState(0)
pred = mx.nd.array(rs.uniform(-3, 3, (4, 5))); label = mx.nd.array(rs.randint(0, 2, (4, 5)))
pw = mx.nd.array(rs.uniform(0, 5, (1, 5))); sw = mx.nd.array(rs.uniform(0, 1, (4, 1)))
out = []
for fs in (False, True):
    L = mx.gluon.loss.SigmoidBCELoss(from_sigmoid=fs)
    p = mx.nd.sigmoid(pred) if fs else pred
    p.attach_grad()
    with mx.autograd.record():
        l = L(p, label, None, pw)
    l.backward()
    out.append(l.asnumpy().tolist()); out.append(float(p.grad.asnumpy().sum()))
    out.append(L(p, label, sw, pw).asnumpy().tolist())
    L.hybridize()
    out.append(L(p, label, None, pw).asnumpy().tolist())
print(out)
'''


def test_sigmoid_bce_pos_weight_agrees_with_mxnet():
    """SigmoidBCELoss(pred, label, sample_weight, pos_weight), both forms (from_sigmoid), with
    and without sample weights, hybridized: values and gradients as MXNet 1.9.1's."""
    from conftest import assert_agrees, side_by_side
    answers = side_by_side(BCE_POS_WEIGHT_SCRIPT.replace('print(out)', 'print(json.dumps(out))'))
    assert_agrees(answers[1], answers[0], 'SigmoidBCELoss pos_weight')


def test_hybrid_blocks_take_none_inputs_hybridized_or_not():
    """MXNet 1.9.1's test_hybrid_block_none_args: hybrid_forward gets None for an input passed
    as None, nested blocks too, hybridized or not, the same numbers; every input None, or
    Symbols mixed with NDArrays, is a ValueError. Where MXNet's cached graph refuses a later
    call with other inputs given, tinynet traces the block again."""
    class Foo(mx.gluon.HybridBlock):
        def hybrid_forward(self, F, a, b=None):
            if a is None:
                return b * 2
            return a if b is None else a + b

    class Nested(mx.gluon.HybridBlock):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.f1, self.f2 = Foo(), Foo()

        def hybrid_forward(self, F, a, b):
            return self.f2(self.f1(a, b), b)

    ones, threes = mx.nd.ones((4,)), mx.nd.ones((4,)) * 3
    hybrid = Nested()
    hybrid.hybridize()
    plain = Nested()
    for args in ((None, ones), (ones, threes), (threes, None), (None, threes)):
        for _ in range(2):
            np.testing.assert_allclose(hybrid(*args).asnumpy(), plain(*args).asnumpy())
    assert (hybrid(None, ones).asnumpy() == 3).all()           # 2 * 1, then 2 + 1
    assert (Foo()(ones).asnumpy() == 1).all()
    for block in (Nested(), hybrid):
        with pytest.raises(ValueError, match='every input is None'):
            block(None, None)
    with pytest.raises(ValueError, match='mix Symbols and NDArrays'):
        Nested()(ones, mx.sym.var('a'))


def test_traced_names_are_mxnets():
    """A hybridized model-zoo ResNet's internal outputs carry MXNet 1.9.1's names (compared
    there): an unnamed op in hybrid_forward is named under its block's prefix
    (net0_stage1_activation0), an Activation layer after its function (relu0), a + b is _plus."""
    net = mx.gluon.model_zoo.vision.resnet18_v1(prefix='net0_')
    outs = net(mx.sym.var('data')).get_internals().list_outputs()
    ops = [o for o in outs if not o.endswith(('weight', 'bias', 'gamma', 'beta', 'mean', 'var'))]
    assert ops[:20] == [
        'data', 'net0_conv0_fwd_output', 'net0_batchnorm0_fwd_output', 'net0_relu0_fwd_output',
        'net0_pool0_fwd_output', 'net0_stage1_conv0_fwd_output',
        'net0_stage1_batchnorm0_fwd_output', 'net0_stage1_relu0_fwd_output',
        'net0_stage1_conv1_fwd_output', 'net0_stage1_batchnorm1_fwd_output',
        'net0_stage1__plus0_output', 'net0_stage1_activation0_output',
        'net0_stage1_conv2_fwd_output', 'net0_stage1_batchnorm2_fwd_output',
        'net0_stage1_relu1_fwd_output', 'net0_stage1_conv3_fwd_output',
        'net0_stage1_batchnorm3_fwd_output', 'net0_stage1__plus1_output',
        'net0_stage1_activation1_output', 'net0_stage2_conv2_fwd_output']
    a, b = mx.sym.var('a'), mx.sym.var('b')
    with mx.name.NameManager():                      # counting from 0
        assert [s.name for s in (a + b, a * 2, 2 - a, a > 2, mx.sym.broadcast_add(a, b))] == \
            ['_plus0', '_mulscalar0', '_rminusscalar0', '_greater_scalar0', 'broadcast_add0']
    dense = mx.gluon.nn.Dense(3, activation='relu', prefix='d_')
    assert dense(mx.sym.var('x')).get_internals().list_outputs() == \
        ['x', 'd_weight', 'd_bias', 'd_fwd_output', 'd_relu_fwd_output']
