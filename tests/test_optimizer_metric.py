import logging
import warnings

import numpy as np
import pytest

import tinynet as mx


def test_sgd_momentum_and_weight_decay_by_hand():
    w = np.array([1.0, -2.0], dtype=np.float64)
    g = np.array([10.0, 20.0])
    opt = mx.optimizer.SGD(learning_rate=0.1, momentum=0.9, wd=0.01, rescale_grad=0.5)
    state = opt.create_state('fc_weight', w)
    m = np.zeros(2)
    expected = w.copy()
    for _ in range(3):
        m = 0.9 * m - 0.1 * (0.5 * g + 0.01 * expected)
        expected = expected + m
        opt.update('fc_weight', w, g, state)
    np.testing.assert_allclose(w, expected, rtol=1e-12)


def test_sgd_applies_wd_to_weights_only_and_clips():
    b = np.array([1.0, 1.0])
    opt = mx.optimizer.SGD(learning_rate=1.0, wd=0.5, clip_gradient=0.25)
    opt.update('fc_bias', b, np.array([1.0, -0.1]), None)
    np.testing.assert_allclose(b, [1.0 - 0.25, 1.0 + 0.1])        # no wd, clipped at 0.25
    w = np.array([1.0, 1.0])
    opt.update('fc_weight', w, np.array([0.0, 0.0]), None)
    np.testing.assert_allclose(w, [0.5, 0.5])                     # wd applied


def test_sgd_does_not_modify_the_gradient():
    g = np.array([1.0, 2.0])
    mx.optimizer.SGD(learning_rate=0.1, rescale_grad=0.5).update('w_weight', np.zeros(2), g, None)
    assert g.tolist() == [1.0, 2.0]


def test_adam_by_hand():
    w, g = np.array([0.5]), np.array([2.0])
    opt = mx.optimizer.create('adam', learning_rate=0.01)
    state = opt.create_state('x_weight', w)
    m = v = 0.0
    expected = 0.5
    for t in range(1, 4):
        m = 0.9 * m + 0.1 * 2.0
        v = 0.999 * v + 0.001 * 4.0
        lr_t = 0.01 * np.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t)
        expected -= lr_t * m / (np.sqrt(v) + 1e-8)
        opt.update('x_weight', w, g, state)
    np.testing.assert_allclose(w, [expected], rtol=1e-12)


def test_optimizer_create_errors():
    with pytest.raises(ValueError, match="unknown optimizer 'sgdd'"):
        mx.optimizer.create('sgdd')
    with pytest.raises(TypeError, match="optimizer 'sgd'.*lerning_rate"):
        mx.optimizer.create('sgd', lerning_rate=0.1)


def test_accuracy_value_and_string():
    acc = mx.metric.Accuracy()
    acc.update([np.array([0, 1, 2, 1.0])], [np.eye(3)[[0, 1, 1, 1]] + 0.01])
    assert acc.get() == ('accuracy', 0.75) and type(acc.get()[1]) is float
    assert str(acc) == "EvalMetric: {'accuracy': 0.75}"
    acc.reset_local()
    assert np.isnan(acc.get()[1]) and acc.get_global() == ('accuracy', 0.75)
    acc.reset()
    assert np.isnan(acc.get_global()[1])


def test_top_k_and_cross_entropy_and_create():
    preds = np.array([[0.1, 0.6, 0.3], [0.5, 0.2, 0.3]])
    labels = np.array([2.0, 1.0])
    top2 = mx.metric.TopKAccuracy(top_k=2)
    top2.update([labels], [preds])
    assert top2.get() == ('top_k_accuracy_2', 0.5)
    ce = mx.metric.create('ce')
    ce.update([labels], [preds])
    assert ce.get()[0] == 'cross-entropy'
    np.testing.assert_allclose(ce.get()[1], -(np.log(0.3) + np.log(0.2)) / 2, rtol=1e-9)
    assert isinstance(mx.metric.create('acc'), mx.metric.Accuracy)
    composite = mx.metric.create(['acc', 'ce'])
    composite.update([labels], [preds])
    assert composite.get()[0] == ['accuracy', 'cross-entropy']
    with pytest.raises(ValueError, match="unknown metric 'f2'"):
        mx.metric.create('f2')
    with pytest.raises(ValueError, match='labels of shape'):
        mx.metric.Accuracy().update([np.zeros(3)], [preds])


def test_speedometer_log_lines(caplog):
    acc = mx.metric.Accuracy()
    speedometer = mx.callback.Speedometer(batch_size=10, frequent=2)
    with caplog.at_level(logging.INFO):
        for nbatch in range(5):
            acc.update([np.array([0.0])], [np.array([[0.9, 0.1]]) if nbatch % 2 else
                                           np.array([[0.1, 0.9]])])
            speedometer(mx.callback.BatchEndParam(epoch=3, nbatch=nbatch, eval_metric=acc,
                                                  locals=None))
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 2
    assert lines[0].startswith('Epoch[3] Batch [0-2]\tSpeed: ') and \
        lines[0].endswith(' samples/sec\taccuracy=0.333333')
    assert lines[1].startswith('Epoch[3] Batch [2-4]\tSpeed: ') and lines[1].endswith('accuracy=0.500000')


@pytest.mark.parametrize('name', ['adagrad', 'rmsprop', 'adadelta', 'adamax', 'nadam', 'signum',
                                  'ftrl', 'ftml', 'sgld', 'lbsgd', 'dcasgd', 'lamb'])
def test_every_optimizer_trains_and_its_states_survive_a_file(name, tmp_path):
    """A least-squares problem: each optimizer lowers the loss, and an Updater whose states went
    through save_states/load_states continues exactly as the one that kept them. (The numbers of
    each step are compared with MXNet 1.9.1 in tests/test_against_mxnet.py.)"""
    rng = np.random.RandomState(0)
    a, b = rng.randn(20, 3), rng.randn(20)

    def gradient(w):
        return a.T @ (a @ w - b) / len(b)

    def run(updater, w, steps):
        for _ in range(steps):
            updater(0, gradient(w), w)
        return w

    kwargs = {'sgld': {'learning_rate': 1e-3, 'rescale_grad': 100}, 'adadelta': {}, 'ftrl': {'learning_rate': 0.5}}
    mx.random.seed(3)
    one = mx.optimizer.get_updater(mx.optimizer.create(name, **kwargs.get(name, {'learning_rate': 0.05})))
    w = run(one, np.zeros(3), 200)
    loss = lambda w: float(((a @ w - b) ** 2).mean())   # noqa: E731
    best = loss(np.linalg.lstsq(a, b, rcond=None)[0])
    assert loss(w) < loss(np.zeros(3)) - 0.5 * (loss(np.zeros(3)) - best), (name, loss(w), best)
    one.save_states(str(tmp_path / 'states'))
    two = mx.optimizer.get_updater(mx.optimizer.create(name, **kwargs.get(name, {'learning_rate': 0.05})))
    two.load_states(str(tmp_path / 'states'), np)
    two.optimizer._counts, two.optimizer.num_update = dict(one.optimizer._counts), one.optimizer.num_update
    if name == 'nadam':
        two.optimizer.m_schedule = one.optimizer.m_schedule
    mx.random.seed(4)
    w1 = run(one, w.copy(), 5)
    mx.random.seed(4)
    w2 = run(two, w.copy(), 5)
    np.testing.assert_allclose(w1, w2, rtol=1e-5)      # the file keeps float32


def test_sgld_adds_noise_of_variance_lr():
    mx.random.seed(0)
    optimizer = mx.optimizer.SGLD(learning_rate=0.04)
    w = np.zeros(20000)
    optimizer.update(0, w, np.zeros_like(w), None)
    assert abs(w.mean()) < 0.01 and abs(w.var() - 0.04) < 0.002


def test_a_registered_optimizer_is_made_by_name():
    """MXNet's @mx.optimizer.register (example/dsd registers its SparseSGD so): create('name')
    and Trainer(params, 'name') make it; re-registering a name warns."""
    import warnings

    @mx.optimizer.register
    class HalfSGD(mx.optimizer.SGD):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.lr = self.lr / 2

    made = mx.optimizer.create('halfsgd', learning_rate=0.2)
    assert type(made) is HalfSGD and made.lr == pytest.approx(0.1)
    net = mx.gluon.nn.Dense(1, in_units=1)
    net.initialize(mx.init.One())
    trainer = mx.gluon.Trainer(net.collect_params(), 'HalfSGD', {'learning_rate': 1.0})
    x = mx.nd.ones((1, 1))
    with mx.autograd.record():
        y = net(x)
    y.backward()
    trainer.step(1)
    assert net.weight.data().asscalar() == pytest.approx(0.5)       # 1 - 0.5 * 1
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        mx.optimizer.register(HalfSGD)
    assert any('overriding' in str(w.message) for w in caught)
    with pytest.raises(TypeError, match='expects an Optimizer subclass'):
        mx.optimizer.register(int)
    del mx.optimizer.Optimizer.opt_registry['halfsgd']


@pytest.mark.parametrize('name, state_order', [('sgd', 'state first'), ('adam', 'master first')])
def test_multi_precision_keeps_a_float32_master_copy_of_float16_weights(name, state_order):
    """Steps of 1e-4 are below float16's resolution at 1.0 (about 1e-3): a float16 weight alone
    never moves, while with multi_precision=True the float32 master copy accumulates them and
    the weight follows it (MXNet's mixed precision). The state holds the master copy where
    MXNet's does: SGD and NAG (state, master), the others (master, state)."""
    kwargs = {'learning_rate': 1e-4, 'momentum': 0.0} if name == 'sgd' else \
        {'learning_rate': 1e-4}
    moved = {}
    for multi in (False, True):
        opt = mx.optimizer.create(name, multi_precision=multi, **kwargs)
        weight = mx.nd.ones((3,), dtype='float16')
        grad = mx.nd.ones((3,), dtype='float16')
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
            state = opt.create_state_multi_precision(0, weight)
        assert any('float16' in str(w.message) for w in caught) != multi
        for _ in range(30):
            opt.update_multi_precision(0, weight, grad, state)
        moved[multi] = float(weight.asnumpy()[0])
        if multi:
            master = state[1] if state_order == 'state first' else state[0]
            assert master.dtype == np.float32
            assert master.asnumpy()[0] == pytest.approx(1 - 30e-4, rel=1e-3)
    assert moved[False] == 1.0 and moved[True] == pytest.approx(1 - 30e-4, abs=1e-3)


METRIC_CONFIG_SCRIPT = r'''
import json, sys
mx = __import__(sys.argv[1])
out = {}
for name, args, kwargs in (('acc', [], {'axis': 0}), ('top_k_accuracy', [], {'top_k': 3}),
                           ('f1', [], {'average': 'micro'}), ('mcc', [], {}),
                           ('perplexity', [-1], {}), ('pearsonr', [], {}), ('pcc', [], {}),
                           ('nll_loss', [], {'eps': 1e-8}), ('ce', [], {}), ('loss', [], {}),
                           ('mse', [], {'output_names': ['out']})):
    config = mx.metric.create(name, *args, **kwargs).get_config()
    again = mx.metric.create(json.dumps(config))
    out[name] = [config, type(again).__name__, again.name]
composite = mx.metric.create(['acc', 'f1']).get_config()
out['composite'] = composite
try:
    mx.metric.CustomMetric(lambda l, p: 0.0, name='c').get_config()
    out['custom'] = 'configured'
except NotImplementedError:
    out['custom'] = 'NotImplementedError'
print(json.dumps(out))
'''


def test_metric_get_config_and_create_from_it_agree_with_mxnet():
    """metric.get_config(): the constructor's settings, 'metric', 'name', 'output_names' and
    'label_names' as MXNet 1.9.1's, and create() of its JSON makes the metric again (a
    composite's config lists its metrics'; a CustomMetric's is refused)."""
    from conftest import assert_agrees, side_by_side
    answers = side_by_side(METRIC_CONFIG_SCRIPT)
    theirs, mine = answers
    # MXNet 1.9.1 leaves F1's, MCC's and PearsonCorrelation's `average` and Perplexity's `axis`
    # out of the config, so that create(config) silently makes a different metric; tinynet
    # keeps them (and so makes the same one again): the only keys MXNet's lacks
    for name in theirs:
        if name in ('composite', 'custom'):
            continue
        extra = set(mine[name][0]) - set(theirs[name][0])
        assert extra <= {'average', 'axis'}, (name, extra)
        for key in extra:
            mine[name][0].pop(key)
    for m in mine['composite']['metrics']:
        m.pop('average', None)
    assert_agrees(mine, theirs, 'get_config')
    assert answers[1]['acc'][0]['axis'] == 0


def test_metric_config_keeps_every_setting():
    """create(get_config()) makes the same metric, settings MXNet's config drops included."""
    import json
    for metric in (mx.metric.F1(average='micro'), mx.metric.Perplexity(-1, axis=1),
                   mx.metric.TopKAccuracy(top_k=2), mx.metric.Accuracy(axis=0, name='a')):
        again = mx.metric.create(json.dumps(metric.get_config()))
        assert type(again) is type(metric)
        for key in ('average', 'axis', 'ignore_label', 'top_k'):
            assert getattr(again, key, None) == getattr(metric, key, None), (metric, key)
    with pytest.raises(NotImplementedError, match='CustomMetric'):
        mx.metric.CustomMetric(lambda label, pred: 0.0).get_config()
