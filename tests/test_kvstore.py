"""mx.kv in one process: MXNet's KVStore API as it documents it (init, push of a list sums it,
pull into replicas, pushpull, broadcast, set_optimizer), and Gluon's Trainer summing through it."""
import numpy as np
import pytest

import tinynet as mx
from tinynet import autograd, gluon, nd


def test_push_sums_a_list_and_pull_fills_every_replica():
    kv = mx.kv.create('local')
    assert (kv.type, kv.rank, kv.num_workers) == ('local', 0, 1)
    kv.init('w', nd.ones((2, 3)))
    kv.push('w', [nd.ones((2, 3)), nd.ones((2, 3), ctx=mx.cpu(1)) * 2])
    outs = [nd.zeros((2, 3)), nd.zeros((2, 3), ctx=mx.cpu(1))]
    kv.pull('w', out=outs)
    assert [o.asnumpy().tolist() for o in outs] == [[[3.0] * 3] * 2] * 2
    kv.init(['a', 'b'], [nd.zeros(1), nd.zeros(2)])
    kv.pushpull(['a', 'b'], [nd.ones(1), nd.full((2,), 4)])
    a, b = nd.zeros(1), nd.zeros(2)
    kv.pull(['a', 'b'], out=[a, b])
    assert a.asnumpy().tolist() == [1] and b.asnumpy().tolist() == [4, 4]
    out = nd.zeros(3)
    kv.broadcast('c', nd.arange(3), out)
    assert out.asnumpy().tolist() == [0, 1, 2]
    kv.barrier()
    kv._barrier()


def test_with_an_optimizer_a_push_updates_the_stored_weight():
    kv = mx.kv.create('device')
    kv.set_optimizer(mx.optimizer.SGD(learning_rate=0.5))
    kv.init('fc_weight', nd.ones((2,)))
    kv.push('fc_weight', [nd.ones((2,)), nd.ones((2,))])       # gradient 2 -> w = 1 - 0.5 * 2
    w = nd.zeros((2,))
    kv.pull('fc_weight', out=w)
    assert w.asnumpy().tolist() == [0.0, 0.0]


def test_bad_keys_shapes_and_kinds_are_clear_errors():
    kv = mx.kv.create()
    with pytest.raises(KeyError, match="key 'x' was never init"):
        kv.push('x', nd.ones(1))
    kv.init('x', nd.ones(2))
    with pytest.raises(ValueError, match='already initialized'):
        kv.init('x', nd.ones(2))
    with pytest.raises(ValueError, match='holds shape \\(2,\\), a pushed value has \\(3,\\)'):
        kv.push('x', nd.ones(3))
    with pytest.raises(ValueError, match="'dist_async' is not supported"):
        mx.kv.create('dist_async')


def test_trainer_sums_replicas_through_a_kvstore_as_without_one(rng):
    x = rng.standard_normal((4, 3)).astype(np.float32)
    results = []
    for kvstore in (None, 'device', mx.kv.create('local')):
        mx.random.seed(2)
        net = gluon.nn.Dense(2, in_units=3)
        net.initialize(mx.init.Xavier(), ctx=[mx.cpu(0), mx.cpu(1)])
        trainer = gluon.Trainer(net.collect_params(), 'sgd', {'learning_rate': 0.1},
                                kvstore=kvstore)
        for _ in range(2):
            with autograd.record():
                for part in gluon.utils.split_and_load(x, [mx.cpu(0), mx.cpu(1)]):
                    (net(part) ** 2).sum().backward()
            trainer.step(4)
        results.append(net.weight.data(mx.cpu(1)).asnumpy())
    np.testing.assert_array_equal(results[0], results[1])
    np.testing.assert_array_equal(results[0], results[2])


def test_trainer_makes_a_kvstore_only_where_replicas_meet():
    """As MXNet's Trainer: a kvstore named by a string only for several contexts (or 'dist');
    one context updates directly, with the same result; a KVStore object is always used."""
    x = np.arange(12, dtype=np.float32).reshape(4, 3) / 10
    weights, stores = [], []
    for ctx, kvstore in (([mx.cpu()], 'device'), ([mx.cpu()], mx.kv.create('local')),
                         ([mx.cpu(0), mx.cpu(1)], 'device'), ([mx.cpu()], None)):
        mx.random.seed(3)
        net = gluon.nn.Dense(2, in_units=3)
        net.initialize(mx.init.Xavier(), ctx=ctx)
        trainer = gluon.Trainer(net.collect_params(), 'sgd', {'learning_rate': 0.1},
                                kvstore=kvstore)
        with autograd.record():
            for part in gluon.utils.split_and_load(x, ctx):
                (net(part) ** 2).sum().backward()
        trainer.step(4)
        weights.append(net.weight.data(ctx[0]).asnumpy())
        stores.append(trainer._kvstore)
    assert stores[0] is None and stores[3] is None
    assert isinstance(stores[1], mx.kv.KVStore) and isinstance(stores[2], mx.kv.KVStore)
    for w in weights[1:]:
        np.testing.assert_allclose(w, weights[0], rtol=1e-6)
    with pytest.raises(ValueError, match='unknown kvstore'):
        net = gluon.nn.Dense(2, in_units=3)
        net.initialize(ctx=mx.cpu())
        gluon.Trainer(net.collect_params(), 'sgd', kvstore='loca')


def module_params(context, work_load_list=None, kvstore='local', batch=20):
    rng = np.random.default_rng(5)
    x = rng.standard_normal((100, 6)).astype(np.float32)
    y = rng.integers(0, 3, 100).astype(np.float32)
    net = mx.sym.SoftmaxOutput(mx.sym.FullyConnected(mx.sym.Activation(mx.sym.FullyConnected(
        mx.sym.var('data'), num_hidden=5, name='fc1'), act_type='relu'), num_hidden=3,
        name='fc2'), name='softmax')
    mx.random.seed(4)
    mod = mx.mod.Module(net, context=context, work_load_list=work_load_list)
    mod.fit(mx.io.NDArrayIter(x, y, batch), num_epoch=2, kvstore=kvstore,
            initializer=mx.init.Xavier(), optimizer_params={'learning_rate': 0.3, 'momentum': 0.9})
    return mod, x


def test_module_on_two_contexts_trains_as_on_one():
    one, x = module_params(mx.cpu())
    for work_load, kvstore in ((None, 'local'), ([1, 3], 'device'), ([2, 1], mx.kv.create())):
        two, _ = module_params([mx.cpu(0), mx.cpu(1)], work_load, kvstore)
        for name, value in one.get_params()[0].items():
            np.testing.assert_allclose(two.get_params()[0][name], value, rtol=1e-5, atol=1e-6,
                                       err_msg='%s %s' % (work_load, name))
        # prediction over a batch the contexts split, with a padded last batch
        np.testing.assert_allclose(two.predict(mx.io.NDArrayIter(x[:90], None, 20)),
                                   one.predict(mx.io.NDArrayIter(x[:90], None, 20)), rtol=1e-5,
                                   atol=1e-6)
    assert two.output_shapes == [('softmax_output', (20, 3))]


def test_module_on_two_contexts_accumulates_as_on_one_with_grad_req_add():
    """grad_req='add': every context keeps accumulating its own gradients, so the step's sum
    over contexts must not be written back into one of them (that counted the others twice)."""
    rng = np.random.default_rng(6)
    x = rng.standard_normal((3, 20, 6)).astype(np.float32)
    y = rng.integers(0, 3, (3, 20)).astype(np.float32)
    net = mx.sym.SoftmaxOutput(mx.sym.FullyConnected(mx.sym.var('data'), num_hidden=3, name='fc'),
                               name='softmax')
    params = []
    for context in (mx.cpu(), [mx.cpu(0), mx.cpu(1)]):
        mod = mx.mod.Module(net, context=context)
        mod.bind([('data', (20, 6))], [('softmax_label', (20,))], grad_req='add')
        mod.init_params(mx.init.Constant(0.1))
        mod.init_optimizer(optimizer_params={'learning_rate': 0.5})
        for xb, yb in zip(x, y):
            mod.forward_backward(mx.io.DataBatch([nd.array(xb)], [nd.array(yb)]))
            mod.update()
        params.append(mod.get_params()[0])
    for name, value in params[0].items():
        np.testing.assert_allclose(params[1][name], value, rtol=1e-5,
                                   atol=1e-6, err_msg=name)


def test_work_load_list_is_checked():
    net = mx.sym.SoftmaxOutput(mx.sym.FullyConnected(mx.sym.var('data'), num_hidden=2),
                               name='softmax')
    with pytest.raises(ValueError, match='work_load_list must give one positive number per '
                                         'context \\(2\\)'):
        mx.mod.Module(net, context=[mx.cpu(0), mx.cpu(1)], work_load_list=[1])
    with pytest.raises(ValueError, match='lists .* more than once'):
        mx.mod.Module(net, context=[mx.cpu(0), mx.cpu(0)])
    mod = mx.mod.Module(net, context=[mx.cpu(0), mx.cpu(1)], work_load_list=[1, 100])
    with pytest.raises(ValueError, match='cannot give every one of 2 contexts a row'):
        mod.bind([('data', (4, 3))], [('softmax_label', (4,))])
