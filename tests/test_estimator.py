"""gluon.contrib: the Estimator (MXNet's fit API) and its handlers, HybridConcurrent/Identity;
also parameter sharing through params= and the initializers Bilinear, LSTMBias, Mixed, Load.
Side by side with MXNet 1.9.1 (tests/mxnet_estimator_semantics.py runs under both), and on
tinynet alone: training works, checkpoints resume, bad arguments are refused clearly."""
import json
import logging
import os
import subprocess
import sys

import numpy as np
import pytest

import tinynet as mx
from conftest import assert_agrees, mxnet_python
from tinynet import gluon
from tinynet.gluon import nn
from tinynet.gluon.contrib.estimator import Estimator, event_handler
from tinynet.gluon.contrib.nn import Concurrent, HybridConcurrent, Identity

HERE = os.path.dirname(os.path.abspath(__file__))


def _answers(python, framework):
    run = subprocess.run([python, os.path.join(HERE, 'mxnet_estimator_semantics.py'), framework],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_fit_api_agrees_with_mxnet():
    want, got = _answers(mxnet_python(), 'mxnet'), _answers(sys.executable, 'tinynet')
    assert sorted(got) == sorted(want)
    for key, value in want.items():
        assert_agrees(got[key], value, key)


def _data(n=64):
    rs = np.random.RandomState(1)
    x = rs.randn(n, 5).astype('float32')
    y = (x[:, 0] + x[:, 1] > 0).astype('float32')
    return gluon.data.DataLoader(gluon.data.ArrayDataset(mx.nd.array(x), mx.nd.array(y)),
                                 batch_size=16)


def _estimator(**kwargs):
    net = nn.Dense(2, in_units=5)
    net.initialize(mx.init.Xavier())
    trainer = gluon.Trainer(net.collect_params(), 'sgd', {'learning_rate': 0.5})
    est = Estimator(net=net, loss=gluon.loss.SoftmaxCrossEntropyLoss(), trainer=trainer,
                    context=mx.cpu(), **kwargs)
    est.logger.setLevel(logging.ERROR)
    return est


def test_fit_trains_and_logs(capsys):
    est = _estimator()
    est.logger.setLevel(logging.INFO)
    est.fit(train_data=_data(), epochs=6)
    accuracy, loss = est.train_metrics
    assert accuracy.get()[1] > 0.9 and loss.get()[1] < 0.4
    out = capsys.readouterr().out
    assert 'Training begin: using optimizer SGD' in out and '[Epoch 5] Finished' in out


def test_checkpoints_resume_where_training_stopped(tmp_path):
    est = _estimator()
    est.fit(train_data=_data(), epochs=2, event_handlers=[
        event_handler.CheckpointHandler(model_dir=str(tmp_path), model_prefix='net')])
    assert sorted(os.listdir(tmp_path)) == ['net-epoch0batch4.params', 'net-epoch0batch4.states',
                                            'net-epoch1batch8.params', 'net-epoch1batch8.states']
    saved = est.net.weight.data().asnumpy()
    again = _estimator()
    counter = event_handler.StoppingHandler()
    again.fit(train_data=_data(), epochs=3, event_handlers=[counter, event_handler.CheckpointHandler(
        model_dir=str(tmp_path), model_prefix='net', resume_from_checkpoint=True)])
    assert counter.current_epoch == 1           # 3 epochs asked, 2 done before: one more
    assert 'net-epoch2batch12.params' in os.listdir(tmp_path)
    assert not np.allclose(again.net.weight.data().asnumpy(), saved)
    with pytest.raises(ValueError, match='trained all 3 epochs'):
        _estimator().fit(train_data=_data(), epochs=3, event_handlers=[
            event_handler.CheckpointHandler(model_dir=str(tmp_path), model_prefix='net',
                                            resume_from_checkpoint=True)])


def test_early_stopping_on_a_loss_uses_less_in_auto_mode():
    est = _estimator()
    with pytest.warns(UserWarning, match='improve when it gets smaller'):
        stop = event_handler.EarlyStoppingHandler(monitor=est.train_metrics[1], patience=2)
    est.fit(train_data=_data(), epochs=8, event_handlers=[stop])
    assert stop.stopped_epoch == 0              # the loss kept falling: no early stop


def test_bad_arguments_are_refused():
    est = _estimator()
    with pytest.raises(ValueError, match='exactly one of epochs= and batches='):
        est.fit(train_data=_data(), epochs=1, batches=3)
    with pytest.raises(ValueError, match='DataLoader'):
        est.fit(train_data=[(mx.nd.ones((2, 5)), mx.nd.ones((2,)))], epochs=1)
    with pytest.raises(ValueError, match='gluon.loss.Loss'):
        Estimator(net=est.net, loss='softmax')
    with pytest.raises(ValueError, match='Context'):
        Estimator(net=est.net, loss=gluon.loss.L2Loss(), context='cpu')
    with pytest.raises(ValueError, match='not one of the estimator'):
        est.fit(train_data=_data(), epochs=1, event_handlers=[
            event_handler.LoggingHandler(metrics=[mx.metric.RMSE()])])
    with pytest.raises(ValueError, match='save_best=True'):
        event_handler.CheckpointHandler(model_dir='x', save_best=True)


def test_concurrent_is_the_concatenation_of_its_branches():
    x = mx.nd.array(np.random.RandomState(0).randn(3, 4).astype('float32'))
    for cls in (Concurrent, HybridConcurrent):
        block = cls(axis=1)
        with block.name_scope():
            block.add(nn.Dense(3, in_units=4), nn.Dense(2, in_units=4), Identity())
        block.initialize(mx.init.Uniform(1.0))
        want = np.concatenate([block[0](x).asnumpy(), block[1](x).asnumpy(), x.asnumpy()], axis=1)
        np.testing.assert_allclose(block(x).asnumpy(), want, rtol=1e-6)
        if cls is HybridConcurrent:
            block.hybridize()
            np.testing.assert_allclose(block(x).asnumpy(), want, rtol=1e-6)


def test_bilinear_and_lstm_bias_initializers_by_plain_loops():
    w = mx.nd.zeros((1, 2, 3, 3))
    mx.init.Bilinear()._init_weight('w', w)
    f = np.ceil(3 / 2.0)
    c = (2 * f - 1 - f % 2) / (2 * f)
    for y in range(3):
        for x in range(3):
            assert w.asnumpy()[0, 1, y, x] == pytest.approx((1 - abs(x / f - c)) * (1 - abs(y / f - c)))
    bias = mx.init.LSTMBias(forget_bias=3.0).init_array('b', (12,))
    assert list(bias) == [0] * 3 + [3.0] * 3 + [0] * 6


def test_mixed_and_load_refuse_what_they_cannot_initialize(tmp_path):
    arr = mx.nd.zeros((2, 2))
    with pytest.raises(ValueError, match='matches none of the patterns'):
        mx.init.Mixed(['bias'], [mx.init.Zero()])('fc_weight', arr)
    path = str(tmp_path / 'p.params')
    mx.nd.save(path, {'arg:fc_weight': mx.nd.ones((3, 2))})
    with pytest.raises(ValueError, match=r"'fc_weight' has shape \(2, 2\), the loaded array \(3, 2\)"):
        mx.init.Load(path).init_array('fc_weight', (2, 2))
    with pytest.raises(ValueError, match="cannot initialize 'fc_bias'"):
        mx.init.Load(path).init_array('fc_bias', (3,))


def test_mxnet_test_helpers_imports():
    """What MXNet's own test files import at the top: the decorators, amp, the executor group."""
    from tinynet.contrib.amp import amp
    from tinynet.module.executor_group import DataParallelExecutorGroup

    @mx.use_np_shape
    def inside():
        return mx.is_np_shape(), mx.is_np_array()
    assert inside() == (True, False) and not mx.is_np_shape()
    assert mx.set_np_shape(True) is False and mx.set_np_shape(False) is True
    with pytest.raises(NotImplementedError, match='amp.init'):
        amp.init()
    sym = mx.sym.FullyConnected(mx.sym.var('data'), num_hidden=3, name='fc')
    group = DataParallelExecutorGroup(sym, [mx.cpu(0), mx.cpu(1)], [1, 1], [('data', (4, 2))],
                                      None, ['fc_weight', 'fc_bias'], True, False)
    assert len(group.execs) == 2 and group.grad_req == {'data': 'null', 'fc_weight': 'write',
                                                        'fc_bias': 'write'}
    assert group.execs[0].arg_dict['data'].shape == (2, 2)


def test_sync_batch_norm_is_batch_norm_on_one_device(rng):
    from tinynet.gluon.contrib.nn import SparseEmbedding, SyncBatchNorm
    x = mx.nd.array(rng.standard_normal((4, 3, 2, 2)).astype('float32'))
    sync, plain = SyncBatchNorm(in_channels=3), nn.BatchNorm(in_channels=3)
    sync.initialize()
    plain.initialize()
    with mx.autograd.record():
        a, b = sync(x), plain(x)
    np.testing.assert_allclose(a.asnumpy(), b.asnumpy(), rtol=1e-6)
    with pytest.raises(NotImplementedError, match='num_devices=2'):
        SyncBatchNorm(num_devices=2)
    with pytest.raises(NotImplementedError, match='row_sparse'):
        SparseEmbedding(10, 3)


def test_interval_sampler_counts_what_it_yields():
    from tinynet.gluon.contrib.data import IntervalSampler
    assert list(IntervalSampler(10, 3, rollover=False)) == [0, 3, 6, 9]
    assert len(IntervalSampler(10, 3, rollover=False)) == 4
    assert sorted(IntervalSampler(10, 3)) == list(range(10))
