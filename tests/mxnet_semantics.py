"""One script, run by MXNet 1.9.1 and by tinynet (`python mxnet_semantics.py mxnet|tinynet`),
printing as JSON what each gives for the behaviours MXNet's own unit tests found tinynet getting
wrong. tests/test_against_mxnet.py runs it under both interpreters and compares the answers."""
import json
import sys

import numpy as np

if sys.argv[1] == 'mxnet':
    import mxnet as mx
else:
    import tinynet as mx
from_nd = mx.nd


def values(a):
    """A list from an NDArray (MXNet's executors give NDArrays, tinynet's NumPy arrays)."""
    return (a.asnumpy() if hasattr(a, 'asnumpy') else np.asarray(a)).tolist()


def answers():
    found = {}
    # integer arithmetic keeps the dtype, and division truncates toward zero
    a = from_nd.array([7, -7, 5], dtype='int32')
    b = from_nd.array([2, 2, -2], dtype='int32')
    for name, result in (('int / int', a / b), ('int / 2', a / 2), ('int / 2.5', a / 2.5),
                         ('14 / int', 14 / a), ('int * 1.5', a * 1.5), ('int + 0.7', a + 0.7),
                         ('int ** 2', a ** 2), ('int - int', a - b)):
        found[name] = [values(result), np.dtype(result.dtype).name]
    # softmax with a temperature, as a function and in a symbol
    x = from_nd.array([[1.0, 2.0, 3.0]])
    found['nd softmax T=2'] = values(from_nd.softmax(x, temperature=2))
    found['nd log_softmax T=0.5'] = values(from_nd.log_softmax(x, temperature=0.5))
    d = mx.sym.var('d')
    exe = mx.sym.softmax(d, temperature=2).bind(mx.cpu(), {'d': x})
    found['sym softmax T=2'] = values(exe.forward()[0])
    # relu's gradient at NaN, 0 and either side
    x = from_nd.array([np.nan, 1, -1, 0])
    x.attach_grad()
    with mx.autograd.record():
        y = from_nd.Activation(x, act_type='relu')
    y.backward()
    found['relu grad'] = [0.0 if np.isnan(v) else v for v in values(x.grad)] + \
        [int(np.isnan(values(x.grad)).sum())]
    # bind uses the caller's arrays: a later write is seen, the gradient lands in args_grad
    x, g = from_nd.array([1.0, 2.0]), from_nd.zeros((2,))
    exe = (mx.sym.var('x') * 2).bind(mx.cpu(), args=[x], args_grad=[g])
    x[:] = 3
    found['bound forward'] = values(exe.forward(is_train=True)[0])
    exe.backward([from_nd.array([1.0, 0.5])])
    found['bound gradient'] = values(g)
    # out= writes into the array given
    o = from_nd.zeros((2,))
    from_nd.ones((2,), out=o)
    found['ones out='] = values(o)
    o = from_nd.zeros((2,))
    from_nd.exp(from_nd.zeros((2,)), out=o)
    found['exp out='] = values(o)
    # a child added after hybridize is part of the next call
    from_gluon = mx.gluon.nn
    net = from_gluon.HybridSequential()
    net.add(from_gluon.Dense(3))
    net.initialize()
    net.hybridize()
    net(from_nd.ones((2, 4)))
    net.add(from_gluon.Dense(5))
    net[1].initialize()
    found['shape after add'] = list(net(from_nd.ones((2, 4))).shape)
    # hooks fire once per call, deferred initialisation or not
    dense = from_gluon.Dense(3)
    dense.initialize()
    calls = []
    dense.register_forward_hook(lambda block, inputs, output: calls.append('hook'))
    dense.register_forward_pre_hook(lambda block, inputs: calls.append('pre'))
    dense(from_nd.ones((2, 4)))
    dense(from_nd.ones((2, 4)))
    found['hooks'] = calls
    # a Gluon Trainer with weight decay: MXNet decays the bias too (its Parameter's wd_mult is 1)
    net = from_gluon.Dense(2, in_units=2)
    net.initialize(mx.init.Constant(0.5))
    trainer = mx.gluon.Trainer(net.collect_params(), 'sgd', {'learning_rate': 0.1, 'wd': 0.1})
    net.bias.set_data(from_nd.array([1.0, -1.0]))
    with mx.autograd.record():
        out = net(from_nd.array([[1.0, 2.0]])).sum()
    out.backward()
    trainer.step(1)
    found['nd Trainer wd weight'] = values(net.weight.data())
    found['nd Trainer wd bias'] = values(net.bias.data())
    # NAG with momentum and weight decay, three steps (MXNet's kernel order of reads and writes)
    weight = from_nd.array([[1.0, -2.0], [0.5, 3.0]])
    grad = from_nd.array([[0.3, 0.1], [-0.2, 0.4]])
    optimizer = mx.optimizer.create('nag', momentum=0.9, wd=0.01, learning_rate=0.1,
                                    rescale_grad=0.5)
    state = optimizer.create_state(0, weight)
    for _ in range(3):
        optimizer.update(0, weight, grad, state)
    found['nd NAG weight'] = values(weight)
    # every other optimizer MXNet 1.x has, with weight decay and clipping, four steps
    for name, kwargs in (('adagrad', {}), ('rmsprop', {}), ('rmsprop', {'centered': True,
                                                                        'clip_weights': 2.9}),
                         ('adadelta', {}), ('adamax', {}), ('nadam', {}), ('signum', {}),
                         ('signum', {'momentum': 0}), ('signum', {'wd_lh': 0.1}), ('ftrl', {}),
                         ('ftml', {}), ('lamb', {}), ('lamb', {'bias_correction': False}),
                         ('lamb', {'lower_bound': 2.5, 'upper_bound': 3.0})):
        weights = [from_nd.array([[1.0, -2.0], [0.5, 3.0]]), from_nd.array([0.2, -0.7])]
        grads = [from_nd.array([[0.3, 0.1], [-0.2, 0.4]]), from_nd.array([-0.5, 0.25])]
        optimizer = mx.optimizer.create(name, wd=0.01, learning_rate=0.1, rescale_grad=0.5,
                                        clip_gradient=0.18, **kwargs)
        states = [optimizer.create_state(i, w) for i, w in enumerate(weights)]
        for _ in range(4):
            for i in range(2):     # a fresh gradient: MXNet's AdaDelta scales the one it gets
                optimizer.update(i, weights[i], grads[i].copy(), states[i])
        found['nd %s %s weight' % (name, sorted(kwargs.items()))] = \
            values(weights[0]) + [values(weights[1])]
    # the learning-rate schedules, warm-up included
    schedules = {
        'factor': mx.lr_scheduler.FactorScheduler(step=2, factor=0.5, base_lr=1.0),
        'multi': mx.lr_scheduler.MultiFactorScheduler(step=[2, 5], factor=0.1, base_lr=1.0),
        'poly': mx.lr_scheduler.PolyScheduler(max_update=10, base_lr=1.0, pwr=2, final_lr=0.1,
                                              warmup_steps=2),
        'cosine': mx.lr_scheduler.CosineScheduler(max_update=10, base_lr=1.0, warmup_steps=3,
                                                  warmup_begin_lr=0.1)}
    for name, schedule in schedules.items():
        found['nd %s schedule' % name] = [schedule(n) for n in range(12)]
    # the losses MXNet 1.9.1 has beyond the first four: values and gradients (float32)
    rng = np.random.RandomState(0)
    pred, label, other = rng.randn(4, 5), rng.randn(4, 5), rng.randn(4, 5)
    signs = np.sign(rng.randn(4, 5))
    prob = rng.rand(4, 5)
    prob /= prob.sum(1, keepdims=True)
    L = mx.gluon.loss
    cases = {'KLDiv': (L.KLDivLoss(), pred, prob),
             'KLDiv logits': (L.KLDivLoss(from_logits=False), pred, prob),
             'Huber': (L.HuberLoss(rho=0.7), pred, label),
             'Hinge': (L.HingeLoss(), pred, signs),
             'SquaredHinge': (L.SquaredHingeLoss(margin=2), pred, signs),
             'Logistic': (L.LogisticLoss(), pred, signs),
             'Logistic binary': (L.LogisticLoss(label_format='binary'), pred, (signs > 0) * 1.0),
             'PoissonNLL': (L.PoissonNLLLoss(), pred, np.abs(label) * 3),
             'PoissonNLL rates': (L.PoissonNLLLoss(from_logits=False), np.abs(pred) + 0.1,
                                  np.round(np.abs(label) * 3)),
             'Triplet': (L.TripletLoss(margin=0.5), pred, label, other),
             'CosineEmbedding': (L.CosineEmbeddingLoss(margin=0.1), pred, label,
                                 np.array([1, -1, 1, -1.0]))}
    for hybrid in (False, True):
        for name, (loss, *args) in cases.items():
            if hybrid:
                loss.hybridize()
            arrays = [from_nd.array(a) for a in args]
            arrays[0].attach_grad()
            with mx.autograd.record():
                out = loss(*arrays)
            out.backward()
            found['nd %s loss%s' % (name, ' hybridized' if hybrid else '')] = \
                values(out.reshape((-1,))) + values(arrays[0].grad.reshape((-1,)))
    # SDMLLoss: its batch's pairs (not hybridized: it reads the batch size, in MXNet too)
    for smoothing in (0.3, 0.1):
        arrays = [from_nd.array(pred), from_nd.array(pred + 0.1 * label)]
        for a in arrays:
            a.attach_grad()
        with mx.autograd.record():
            out = L.SDMLLoss(smoothing_parameter=smoothing)(*arrays)
        out.backward()
        found['nd SDML %s loss' % smoothing] = values(out) + values(arrays[0].grad.reshape((-1,))) \
            + values(arrays[1].grad.reshape((-1,)))
    sdml = L.SDMLLoss()
    sdml.hybridize()
    try:
        sdml(from_nd.array(pred), from_nd.array(label))
        found['SDML hybridized'] = 'ran'
    except Exception:               # MXNet: Symbol has no shape; tinynet: NotImplementedError
        found['SDML hybridized'] = 'refused'
    # Gluon: a parameter gets the initializer's weight rule whatever its name ends in; a custom
    # Initializer's _init_weight gets the NDArray to fill
    mx.random.seed(1)
    params = mx.gluon.ParameterDict()
    for name in ('q_bias', 'q_gamma', 'q_other'):
        params.get(name, shape=(3,))
    params.initialize(mx.init.Constant(0.25))
    found['gluon init by any name'] = [values(params[n].data()) for n in sorted(params.keys())]

    class Fives(mx.init.Initializer):
        def _init_weight(self, name, arr):
            arr[:] = 5
    one = mx.gluon.Parameter('w_bias', shape=(2,))
    one.initialize(Fives())
    found['gluon custom init'] = values(one.data())
    # the metrics beyond accuracy: two-class F1 and MCC (macro, micro, reset_local), the
    # regression metrics (a mean of batch means), Pearson, Loss, custom ones, perplexity
    rng = np.random.RandomState(3)
    batches = [(rng.randint(0, 2, (n,)), rng.rand(n, 2)) for n in (7, 5, 9)]
    M = mx.metric
    for name, metric in (('F1', M.F1()), ('F1 micro', M.F1(average='micro')), ('MCC', M.MCC()),
                         ('MCC micro', M.MCC(average='micro'))):
        seen = []
        for label, pred in batches:
            metric.update([from_nd.array(label)], [from_nd.array(pred)])
            seen.append(metric.get()[1])
        seen.append(metric.get_global()[1])
        metric.reset_local()
        metric.update([from_nd.array(batches[0][0])], [from_nd.array(batches[0][1])])
        found['nd metric %s' % name] = seen + [metric.get()[1], metric.get_global()[1]]
    pairs = [(rng.randn(n), rng.randn(n)) for n in (4, 6)]
    for name, metric in (('MAE', M.MAE()), ('MSE', M.MSE()), ('RMSE', M.RMSE()),
                         ('PearsonCorrelation', M.PearsonCorrelation()), ('Loss', M.Loss()),
                         ('np', M.np(lambda l, p: float(np.abs(l - p).max()))),
                         ('CustomMetric', M.CustomMetric(lambda l, p: (float(np.abs(l - p).sum()),
                                                                      l.size)))):
        for label, pred in pairs:
            metric.update([from_nd.array(label)], [from_nd.array(pred)])
        found['nd metric %s' % name] = [metric.get()[1]]
        found['metric name %s' % name] = metric.get()[0]
    probs = rng.rand(6, 4)
    probs /= probs.sum(1, keepdims=True)
    for ignore in (None, 3):
        metric = M.Perplexity(ignore)
        metric.update([from_nd.array([0, 3, 1, 2, 3, 0])], [from_nd.array(probs)])
        found['nd metric Perplexity ignore %s' % ignore] = [metric.get()[1]]
    # InstanceNorm (MXNet's runs in float32 only): values and all three gradients
    rng = np.random.RandomState(5)
    arrays = [from_nd.array(a) for a in (rng.randn(2, 3, 4, 5), rng.rand(3) + 0.5, rng.randn(3))]
    for a in arrays:
        a.attach_grad()
    with mx.autograd.record():
        out = from_nd.InstanceNorm(*arrays, eps=1e-4)
    out.backward(from_nd.array(rng.randn(2, 3, 4, 5)))
    found['nd InstanceNorm loss'] = values(out.reshape((-1,))) + sum(
        (values(a.grad.reshape((-1,))) for a in arrays), [])
    # the Gluon normalisation layers and ReflectionPad2D, imperative and hybridized
    x = rng.randn(2, 4, 3, 3)
    for name, make in (('LayerNorm', lambda: from_gluon.LayerNorm()),
                       ('LayerNorm axis 1', lambda: from_gluon.LayerNorm(axis=1, epsilon=1e-3)),
                       ('InstanceNorm', lambda: from_gluon.InstanceNorm()),
                       ('InstanceNorm axis 2', lambda: from_gluon.InstanceNorm(axis=2, scale=True)),
                       ('GroupNorm', lambda: from_gluon.GroupNorm(num_groups=2)),
                       ('ReflectionPad2D', lambda: from_gluon.ReflectionPad2D(1))):
        for hybrid in (False, True):
            block = make()
            block.initialize()
            if hybrid:
                block.hybridize()
            data = from_nd.array(x)
            data.attach_grad()
            with mx.autograd.record():
                out = block(data)
            out.backward(from_nd.array(np.cos(np.arange(out.size)).reshape(out.shape)))
            found['nd gluon %s%s loss' % (name, ' hybridized' if hybrid else '')] = \
                values(out.reshape((-1,))) + values(data.grad.reshape((-1,)))
    # mx.name: a Prefix prefixes made and given names; a NameManager counts from 0 again
    d = mx.sym.var('data')
    with mx.name.Prefix('net1_'):
        fc = mx.sym.FullyConnected(d, num_hidden=3)
        act = mx.sym.Activation(fc, act_type='relu', name='act')
        fc2 = mx.sym.FullyConnected(act, num_hidden=2)
    names = [fc2.list_arguments(), act.name]
    with mx.name.NameManager():
        names.append(mx.sym.FullyConnected(d, num_hidden=3).name)
        with mx.name.Prefix('inner_'):
            names.append(mx.sym.Activation(d, act_type='relu').name)
        names.append(mx.sym.FullyConnected(d, num_hidden=3).name)
    found['mx.name'] = names

    # autograd.Function: two outputs, two inputs, chained with a one-output Function
    class Sigmoid(mx.autograd.Function):
        def forward(self, x):
            y = 1 / (1 + from_nd.exp(-x))
            self.save_for_backward(y)
            return y

        def backward(self, dy):
            y, = self.saved_tensors
            return dy * y * (1 - y)

    class ProductAndSum(mx.autograd.Function):
        def forward(self, a, b):
            self.save_for_backward(a, b)
            return a * b, a + b

        def backward(self, d1, d2):
            a, b = self.saved_tensors
            return d1 * b + d2, d1 * a + d2

    x, w = from_nd.array([0.5, -1.0, 2.0]), from_nd.array([1.5, 2.0, -0.5])
    x.attach_grad()
    w.attach_grad()
    with mx.autograd.record():
        p, q = ProductAndSum()(Sigmoid()(x), w)
        z = (p * q).sum()
    z.backward()
    found['nd autograd.Function'] = values(z) + values(x.grad) + values(w.grad)
    # Module.get_params gives NDArrays
    mod = mx.mod.Module(mx.sym.FullyConnected(d, num_hidden=2, name='fc'), label_names=None)
    mod.bind([('data', (1, 3))])
    mod.init_params()
    found['get_params types'] = [type(v).__name__ for v in mod.get_params()[0].values()]
    # Block(params=other.params): shared parameters, named with the shared dict's prefix
    a = from_gluon.Dense(3, in_units=2, prefix='a_')
    b = from_gluon.Dense(3, in_units=2, prefix='b_', params=a.collect_params())
    c = from_gluon.Dense(3, in_units=2, params=a.params)
    a.initialize(mx.init.Constant(0.5))
    found['shared params'] = [values(b(from_nd.array([[1.0, 2.0]]))), b.weight is a.weight,
                              sorted(b.collect_params().keys()), sorted(c.collect_params().keys())]
    # squeeze, flip, repeat, the broadcasts, reshape_like, BlockGrad, cast, take, sort, topk,
    # smooth_l1, hard_sigmoid, logical_not: values and gradients
    nd = from_nd
    rng = np.random.RandomState(0)

    def run(name, f, *arrays):
        arrays = [nd.array(a) for a in arrays]
        arrays[0].attach_grad()
        with mx.autograd.record():
            y = f(*arrays)
        head = nd.array(np.cos(np.arange(y.size)).reshape(y.shape))
        y.backward(head)
        found['nd %s op' % name] = values(y.reshape((-1,))) + \
            values(arrays[0].grad.reshape((-1,))) + list(y.shape)
    a = rng.randn(2, 1, 3)
    run('squeeze', lambda v: nd.squeeze(v), a)
    run('squeeze axis', lambda v: nd.squeeze(v, axis=1), a)
    run('flip', lambda v: nd.flip(v, axis=2), a)
    run('reverse', lambda v: nd.reverse(v, axis=0), a)
    run('repeat', lambda v: nd.repeat(v, repeats=2, axis=2), a)
    run('repeat flat', lambda v: nd.repeat(v, repeats=3), a)
    run('broadcast_to', lambda v: nd.broadcast_to(v, shape=(0, 4, 0)), a)
    run('broadcast_axis', lambda v: nd.broadcast_axis(v, axis=1, size=3), a)
    run('broadcast_like', lambda v, w: nd.broadcast_like(v, w), a, rng.randn(2, 5, 3))
    run('reshape_like', lambda v, w: nd.reshape_like(v, w), a, rng.randn(3, 2))
    run('BlockGrad', lambda v: nd.BlockGrad(v) * v, a)
    run('cast', lambda v: nd.cast(v, dtype='float64').astype('float32'), a)
    b = rng.randn(4, 3)
    run('take', lambda v, i: nd.take(v, i), b, np.array([[0, 3], [3, 5]]))
    run('take wrap axis1', lambda v, i: nd.take(v, i, axis=1, mode='wrap'), b, np.array([4, -1, 0]))
    run('sort', lambda v: nd.sort(v, axis=1), b)
    run('sort desc', lambda v: nd.sort(v, axis=0, is_ascend=False), b)
    run('argsort', lambda v: nd.argsort(v), b)
    run('topk value', lambda v: nd.topk(v, k=2, ret_typ='value'), b)
    run('topk indices', lambda v: nd.topk(v, axis=0, k=2), b)
    run('topk mask', lambda v: nd.topk(v, k=2, ret_typ='mask'), b)
    run('smooth_l1', lambda v: nd.smooth_l1(v, scalar=1.5), b)
    run('hard_sigmoid', lambda v: nd.hard_sigmoid(v * 3), b)
    run('logical_not', lambda v: nd.logical_not(nd.floor(v)), b)
    # a Gluon loss applied to symbols reshapes the label like the prediction (it broadcast a
    # (4,) label against a (4, 1) prediction into (4, 4) and averaged that)
    d, lab = mx.sym.var('data'), mx.sym.var('label')
    out = mx.sym.FullyConnected(d, num_hidden=1, name='fc')
    L = mx.gluon.loss
    for name, loss in (('sigmoid bce', L.SigmoidBinaryCrossEntropyLoss()), ('l2', L.L2Loss()),
                       ('l1', L.L1Loss()), ('hinge', L.HingeLoss()), ('logistic', L.LogisticLoss())):
        net = mx.sym.make_loss(loss(out, lab))
        args = {'data': nd.array(rng.randn(4, 3)), 'fc_weight': nd.array(rng.randn(1, 3)),
                'fc_bias': nd.zeros((1,)), 'label': nd.array([0, 1, 1, 0])}
        grads = {k: nd.zeros(v.shape) for k, v in args.items() if k != 'label'}
        exe = net.bind(mx.cpu(), args=args, args_grad=grads)
        found['sym gluon %s on symbols, the loss' % name] = values(exe.forward(is_train=True)[0])
        exe.backward()
        found['sym gluon %s on symbols, gradient of the loss' % name] = values(grads['fc_weight'])
    # metrics MXNet's test_metric uses: PCC over batches (and its growing confusion matrix),
    # nll_loss, a class name given to create, labels of another shape than one per row
    pcc = mx.metric.create('pcc')
    for batch in range(3):
        pred = nd.array(rng.rand(8, 3 + batch))
        pcc.update([nd.array(rng.randint(0, 3 + batch, size=8))], [pred])
        found['metric pcc after batch %d' % batch] = pcc.get()[1]
    pcc.reset_local()
    pcc.update([nd.array([0, 1, 1, 0])], [nd.array([0, 1, 0, 0])])
    found['metric pcc local, global'] = [pcc.get()[1], pcc.get_global()[1]]
    nll = mx.metric.create('nll_loss')
    nll.update([nd.array([2, 1])], [nd.array([[0.2, 0.3, 0.5], [0.6, 0.1, 0.3]])])
    found['metric nll_loss name, value'] = list(nll.get())
    top = mx.metric.create('TopKAccuracy', top_k=2)
    top.update([nd.array([0, 1, 2])], [nd.array(rng.rand(3, 4))])
    found['metric TopKAccuracy'] = list(top.get())
    acc = mx.metric.create('acc')
    acc.update([nd.array([[0, 1, 1], [1, 0, 1]])],
               [nd.array([[0.3, 0.7], [0, 1.], [0.4, 0.6], [0.8, 0.2], [0.3, 0.5], [0.6, 0.4]])])
    found['metric acc, 2-D labels'] = acc.get()[1]
    # which results share the array's memory: MXNet's functions give arrays of their own; the
    # reshape method, basic first-axis indexing and inplace=True give views
    t = nd.arange(6).reshape((2, 3))
    results = {'flatten': t.flatten(), 'flatten inplace': t.flatten(inplace=True),
               'expand_dims': t.expand_dims(0), 'expand_dims inplace': t.expand_dims(0, inplace=True),
               'squeeze inplace': t.expand_dims(0).squeeze(inplace=True), 'reshape method': t.reshape((3, 2)),
               'nd.reshape': nd.reshape(t, shape=(3, 2)), 't[1]': t[1], 't[0:1]': t[0:1],
               't[:, 1]': t[:, 1], 'slice_axis': nd.slice_axis(t, axis=0, begin=0, end=1),
               'transpose': t.T}
    t[:] = -1
    for name, result in results.items():
        found['memory shared by %s' % name] = bool((result.asnumpy() == -1).all())
    return found


if __name__ == '__main__':
    print(json.dumps(answers()))
