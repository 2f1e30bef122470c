import logging
import os
import re

import numpy as np
import pytest

import tinynet as mx


def blobs(n=230, seed=0):
    """Three separable clusters in 4-D: a problem a small MLP solves in a couple of epochs."""
    rng = np.random.default_rng(seed)
    label = rng.integers(0, 3, n)
    centers = np.array([[2, 0, 0, 0], [0, 2, 0, 0], [0, 0, 2, 2]], dtype=np.float32)
    data = centers[label] + rng.standard_normal((n, 4)).astype(np.float32) * 0.3
    return data, label


def mlp():
    data = mx.sym.var('data')
    fc1 = mx.sym.FullyConnected(data=data, num_hidden=16, name='fc1')
    act = mx.sym.Activation(data=fc1, act_type='relu', name='relu1')
    fc2 = mx.sym.FullyConnected(data=act, num_hidden=3, name='fc2')
    return mx.sym.SoftmaxOutput(data=fc2, name='softmax')


def train(ctx, num_epoch=3, seed=7, **fit_kwargs):
    mx.random.seed(seed)
    data, label = blobs()
    train_iter = mx.io.NDArrayIter(data, label, batch_size=20, shuffle=True)
    mod = mx.mod.Module(mlp(), context=ctx)
    mod.fit(train_iter, optimizer='sgd', optimizer_params={'learning_rate': 0.5},
            initializer=mx.init.Xavier(), num_epoch=num_epoch, **fit_kwargs)
    return mod


def test_fit_learns_and_logs_like_mxnet(ctx, caplog):
    data, label = blobs()
    val_iter = mx.io.NDArrayIter(data, label, batch_size=20)
    with caplog.at_level(logging.INFO):
        mod = train(ctx, eval_data=val_iter, batch_end_callback=mx.callback.Speedometer(20, 5))
    lines = [r.getMessage() for r in caplog.records]
    assert re.fullmatch(r'Epoch\[0\] Batch \[0-5\]\tSpeed: \d+\.\d\d samples/sec\taccuracy=\d\.\d{6}',
                        lines[0]), lines[0]
    epoch_lines = [l for l in lines if not l.startswith('Epoch[0] Batch') and 'Batch [' not in l]
    assert re.fullmatch(r'Epoch\[0\] Train-accuracy=\d\.\d{6}', epoch_lines[0])
    assert re.fullmatch(r'Epoch\[0\] Time cost=\d+\.\d{3}', epoch_lines[1])
    assert re.fullmatch(r'Epoch\[0\] Validation-accuracy=\d\.\d{6}', epoch_lines[2])
    final = float(lines[-1].split('=')[1])
    assert final > 0.95
    assert mod.score(val_iter, 'acc')[0][1] == final


def test_fit_updates_parameters_with_rescale_grad(ctx):
    """One SGD step of fit equals w - lr * grad / batch_size, computed by hand with an executor."""
    data, label = blobs(20)
    mx.random.seed(1)
    mod = mx.mod.Module(mlp(), context=ctx)
    it = mx.io.NDArrayIter(data, label, batch_size=20)
    mod.bind(it.provide_data, it.provide_label)
    mod.init_params(mx.init.Uniform(0.5))
    before, _ = mod.get_params()
    exe = mod.symbol.bind(mx.cpu(), args=dict(before, data=data, softmax_label=label.astype(np.float32)),
                          args_grad={n: np.zeros_like(v) for n, v in before.items()})
    exe.forward(is_train=True)
    exe.backward()
    mod.init_optimizer(optimizer_params={'learning_rate': 0.3})
    mod.forward_backward(next(iter(it)))
    mod.update()
    after, _ = mod.get_params()
    for name in before:
        np.testing.assert_allclose(after[name], before[name] - 0.3 * exe.grad_dict[name] / 20,
                                   rtol=1e-5, atol=1e-6)


def test_predict_drops_padding_and_score_ignores_it(ctx):
    mod = train(ctx, num_epoch=2)
    data, label = blobs()
    # 230 rows, batch 100: the last batch has 70 padding rows taken from the start
    prob = mod.predict(mx.io.NDArrayIter(data, None, batch_size=100))
    assert prob.shape == (230, 3) and isinstance(prob, mx.nd.NDArray)       # as MXNet's
    prob = prob.asnumpy()
    direct = mod.predict(mx.io.NDArrayIter(data[200:], None, batch_size=30))
    np.testing.assert_allclose(prob[200:], direct, rtol=1e-5, atol=1e-7)
    # score counts each row once: pad rows (which it would count twice) must not count
    wrong_labels = label.copy()
    wrong_labels[:70] = (np.argmax(prob[:70], axis=1) + 1) % 3      # the rows reused as padding
    acc = mx.metric.Accuracy()
    mod.score(mx.io.NDArrayIter(data, wrong_labels, batch_size=100), acc)
    expected = np.mean(np.argmax(prob, axis=1) == wrong_labels)
    assert acc.get()[1] == pytest.approx(expected, abs=1e-12)
    assert acc.global_num_inst == 230


def test_checkpoint_round_trip_gives_the_same_predictions(ctx, tmp_path):
    mod = train(ctx, num_epoch=2)
    data, _ = blobs()
    expected = mod.predict(mx.io.NDArrayIter(data, None, batch_size=50))
    prefix = str(tmp_path / 'blobs')
    mod.save_checkpoint(prefix, 2)
    assert os.path.exists(prefix + '-symbol.json') and os.path.exists(prefix + '-0002.params')
    loaded = mx.mod.Module.load(prefix, 2, context=ctx)
    it = mx.io.NDArrayIter(data, None, batch_size=50)
    loaded.bind(it.provide_data, for_training=False)
    np.testing.assert_array_equal(loaded.predict(it), expected)
    symbol, arg_params, aux_params = mx.model.load_checkpoint(prefix, 2)
    assert symbol.list_arguments() == mod.symbol.list_arguments()
    assert sorted(arg_params) == ['fc1_bias', 'fc1_weight', 'fc2_bias', 'fc2_weight'] and aux_params == {}


def test_params_file_is_plain_npz_and_never_unpickles(tmp_path):
    path = tmp_path / 'evil.params'
    np.save(str(path) + '.npy', np.array([object()], dtype=object), allow_pickle=True)
    os.rename(str(path) + '.npy', path)
    with pytest.raises(ValueError, match='not a tinynet params file'):
        mx.model.load_params(str(path))


def test_do_checkpoint_callback_writes_numbered_files(ctx, tmp_path):
    prefix = str(tmp_path / 'cb')
    train(ctx, num_epoch=2, epoch_end_callback=mx.callback.do_checkpoint(prefix))
    assert os.path.exists(prefix + '-0001.params') and os.path.exists(prefix + '-0002.params')


def test_failed_save_leaves_no_file(tmp_path, monkeypatch):
    target = tmp_path / 'x.params'

    def broken_write(f, names, arrays):
        f.write(b'partial')
        raise OSError('disk full')
    monkeypatch.setattr(mx.fileio, 'write_mxnet_arrays', broken_write)
    with pytest.raises(OSError, match='disk full'):
        mx.model.save_params(str(target), {'w': np.zeros(3)})
    assert os.listdir(tmp_path) == []


def test_same_seed_gives_bit_identical_training(ctx):
    a = train(ctx, num_epoch=2, seed=11).get_params()[0]
    b = train(ctx, num_epoch=2, seed=11).get_params()[0]
    c = train(ctx, num_epoch=2, seed=12).get_params()[0]
    for name in a:
        np.testing.assert_array_equal(a[name], b[name])
    assert any(not np.array_equal(a[n], c[n]) for n in a)


def test_init_params_uniform_default_and_errors(ctx):
    mx.random.seed(0)
    mod = mx.mod.Module(mlp(), context=ctx)
    mod.bind([('data', (5, 4))], [('softmax_label', (5,))])
    mod.init_params()
    arg, _ = mod.get_params()
    assert np.abs(arg['fc1_weight']).max() <= 0.01 and np.abs(arg['fc1_weight']).max() > 0
    assert np.all(arg['fc1_bias'] == 0)
    with pytest.raises(ValueError, match=r"'fc1_weight' has shape \(2, 2\)"):
        mod.init_params(arg_params={'fc1_weight': np.zeros((2, 2))}, allow_missing=True,
                        force_init=True)


def test_module_errors_are_clear():
    with pytest.raises(ValueError, match="data name 'image' is not an argument"):
        mx.mod.Module(mlp(), data_names=('image',))
    mod = mx.mod.Module(mlp())
    with pytest.raises(RuntimeError, match='bind'):
        mod.score(mx.io.NDArrayIter(np.zeros((4, 4)), np.zeros(4), batch_size=2), 'acc')
    with pytest.raises(ValueError, match='num_epoch'):
        mod.fit(mx.io.NDArrayIter(np.zeros((4, 4)), np.zeros(4), batch_size=2))


def test_optimizer_states_round_trip(tmp_path):
    mx.random.seed(3)
    data, label = blobs()
    it = mx.io.NDArrayIter(data, label, batch_size=20)
    mod = mx.mod.Module(mlp())
    mod.fit(it, optimizer_params={'learning_rate': 0.1, 'momentum': 0.9}, num_epoch=1)
    prefix = str(tmp_path / 'm')
    mod.save_checkpoint(prefix, 1, save_optimizer_states=True)
    loaded = mx.mod.Module.load(prefix, 1, load_optimizer_states=True)
    loaded.bind(it.provide_data, it.provide_label)
    loaded.init_optimizer(optimizer_params={'learning_rate': 0.1, 'momentum': 0.9})
    for name, state in mod._updater.states.items():
        np.testing.assert_array_equal(loaded._updater.states[name], state)
    assert float(np.abs(mod._updater.states['fc1_weight']).sum()) > 0


def test_a_batch_of_another_feature_shape_is_an_error_not_new_weights():
    mod = train(mx.cpu(), num_epoch=1)
    before = mod.get_params()[0]
    with pytest.raises(ValueError, match=r"parameter 'fc1_weight' would need shape \(16, 5\)"):
        mod.predict(mx.io.NDArrayIter(np.zeros((10, 5), np.float32), batch_size=10))
    after = mod.get_params()[0]
    for name in before:
        np.testing.assert_array_equal(before[name], after[name])
    # a different batch size is fine: the parameters are shared, not replaced
    assert mod.predict(mx.io.NDArrayIter(blobs(7)[0], batch_size=7)).shape == (7, 3)


def test_forward_reads_the_batch_without_copying_and_never_writes_to_it(ctx):
    """Module.forward hands a batch that already fits (device, shape, dtype) straight to the executor,
    and copies any other batch into a buffer of its own: never into an earlier batch's array."""
    mod = train(ctx, num_epoch=1)
    xp = ctx.xp
    fits = xp.asarray(blobs(20, seed=1)[0])                 # float32, on the device: used as is
    needs_copy = blobs(20, seed=2)[0].astype(np.float64)    # float64 on the host: copied
    kept = mx.backend.to_numpy(fits).copy()
    outputs = []
    for data in (fits, needs_copy, fits):
        mod.forward(mx.io.DataBatch([data], None), is_train=False)
        outputs.append(mx.backend.to_numpy(mod.get_outputs()[0]).copy())
    np.testing.assert_array_equal(mx.backend.to_numpy(fits), kept)
    assert mod._group.executors[0].array('data') is fits
    np.testing.assert_array_equal(outputs[0], outputs[2])
    expected = mod.predict(mx.io.NDArrayIter(needs_copy.astype(np.float32), batch_size=20))
    np.testing.assert_allclose(outputs[1], expected, rtol=1e-6)


def test_nd_load_reads_every_params_file_tinynet_writes_and_the_old_npz_ones(tmp_path):
    """mx.nd.load of a checkpoint's .params, a Gluon export's and save_parameters' files gives the
    names as stored ('arg:fc1_weight', ...), as MXNet's does; the .npz files of earlier tinynet
    versions (nd.save's 'key:'/'index:' entries, .params' 'arg:'/'aux:') still load."""
    mod = mx.mod.Module(mx.sym.SoftmaxOutput(mx.sym.FullyConnected(
        mx.sym.var('data'), num_hidden=3, name='fc1'), name='softmax'))
    mod.bind([('data', (2, 4))], [('softmax_label', (2,))])
    mod.init_params(mx.init.Xavier())
    mod.save_checkpoint(str(tmp_path / 'm'), 1)
    loaded = mx.nd.load(str(tmp_path / 'm-0001.params'))
    assert sorted(loaded) == ['arg:fc1_bias', 'arg:fc1_weight']
    np.testing.assert_array_equal(loaded['arg:fc1_weight'].asnumpy(),
                                  mod.get_params()[0]['fc1_weight'].asnumpy())
    net = mx.gluon.nn.Dense(3, in_units=4)
    net.initialize()
    net.save_parameters(str(tmp_path / 'd.params'))
    assert sorted(mx.nd.load(str(tmp_path / 'd.params'))) == ['bias', 'weight']
    old = str(tmp_path / 'old.params')
    with open(old, 'wb') as f:
        np.savez(f, **{'arg:w': np.ones((2, 2), np.float32), 'aux:m': np.zeros(2, np.float32)})
    assert sorted(mx.nd.load(old)) == ['arg:w', 'aux:m']
    assert sorted(mx.model.load_params(old)[0]) == ['w']
    with open(old, 'wb') as f:
        np.savez(f, **{'key:a': np.ones(2), 'key:b': np.zeros(1)})
    assert sorted(mx.nd.load(old)) == ['a', 'b']
    with open(old, 'wb') as f:
        np.savez(f, **{'index:00000000': np.ones(2), 'index:00000001': np.zeros(1)})
    first, second = mx.nd.load(old)
    assert first.shape == (2,) and second.shape == (1,)


def test_module_reshape_keeps_parameters_and_splits_head_gradients_as_mxnet():
    """MXNet 1.9.1's test_module_reshape (two contexts, 7 then 14 rows, head gradients given
    for the whole batch): the bias goes to -1 then -3 there and here. Module.reshape was
    missing, and a whole-batch head gradient was handed whole to each context's executor."""
    sym = mx.sym.FullyConnected(mx.sym.var('data'), num_hidden=20, name='fc')
    mod = mx.mod.Module(sym, ('data',), None, context=[mx.cpu(0), mx.cpu(1)])
    mod.bind(data_shapes=[('data', (7, 20))])
    mod.init_params()
    mod.init_optimizer(optimizer_params={'learning_rate': 1})
    for shape, bias in (((7, 20), -1), ((14, 20), -3)):
        if shape[0] != 7:
            mod.reshape(data_shapes=[('data', shape)])
            assert mod.data_shapes[0].shape == shape
        mod.forward(mx.io.DataBatch(data=[mx.nd.ones(shape)], label=None))
        mod.backward([mx.nd.ones(shape)])
        mod.update()
        assert mod.get_outputs()[0].shape == shape
        assert (mod.get_params()[0]['fc_bias'].asnumpy() == bias).all()
    with pytest.raises(ValueError, match="data_shapes names \\['x'\\], but the module's data are "
                                         "\\['data'\\]"):
        mod.reshape([('x', (2, 20))])


def test_forward_takes_batches_of_new_shapes_and_plain_batches_and_predict_an_ndarray():
    """As MXNet 1.9.1's Module (its unit tests test_forward_reshape, test_forward_types): a
    batch whose inputs have other shapes (not only another batch size) rebinds; a namedtuple
    Batch(data) without label runs; predict(NDArray) predicts it."""
    import collections
    data = mx.sym.Variable('data')
    conv = mx.sym.Convolution(data, kernel=(3, 3), num_filter=2, name='conv')
    out = mx.sym.sum(mx.sym.flatten(conv), axis=1)
    mod = mx.mod.Module(out, label_names=None)
    mod.bind(data_shapes=[('data', (4, 1, 8, 8))], for_training=False)
    mod.init_params(mx.init.One())
    Batch = collections.namedtuple('Batch', ['data'])
    mod.forward(Batch([mx.nd.ones((2, 1, 10, 10))]))
    np.testing.assert_allclose(mod.get_outputs()[0].asnumpy(), [2 * 8 * 8 * 9.0] * 2)   # bias 0
    mod.forward(Batch([mx.nd.ones((4, 1, 8, 8))]))
    np.testing.assert_allclose(mod.get_outputs()[0].asnumpy(), [2 * 6 * 6 * 9.0] * 4)
    assert mod.predict(mx.nd.ones((3, 1, 8, 8))).shape == (3,)


def test_fully_connected_takes_one_dimensional_data_as_mxnet():
    """MXNet 1.9.1: FullyConnected of (N,) data is N samples of one value (flatten, weight
    (num_hidden, 1)), or one sample of N values (flatten=False)."""
    x = mx.nd.array([1.0, 2.0, 3.0])
    y = mx.nd.FullyConnected(x, mx.nd.ones((4, 1)), mx.nd.zeros(4), num_hidden=4)
    assert y.shape == (3, 4) and (y.asnumpy() == [[1] * 4, [2] * 4, [3] * 4]).all()
    z = mx.nd.FullyConnected(x, mx.nd.ones((4, 3)), mx.nd.zeros(4), num_hidden=4, flatten=False)
    assert z.shape == (4,) and (z.asnumpy() == 6).all()
