"""One script, run by MXNet 1.9.1 and by tinynet (`python mxnet_estimator_semantics.py
mxnet|tinynet`): the fit API (Estimator with its default and given handlers, evaluate,
checkpoints, early stopping), gluon.contrib.nn's HybridConcurrent and Identity, parameter
sharing through params=, and the initializers Bilinear, LSTMBias, Mixed, Load, Constant's JSON
the ones ops give their inputs (PReLU's gamma, BatchNorm's moving statistics), and the layers
nn.Embedding and nn.GELU. Prints one
JSON line; tests/test_estimator.py runs it under both and compares."""
import json
import logging
import os
import sys
import tempfile
import warnings

import numpy as onp

if sys.argv[1] == 'mxnet':
    import mxnet as mx
    from mxnet import gluon
    from mxnet.gluon import nn
    from mxnet.gluon.contrib.estimator import estimator, event_handler
    from mxnet.gluon.contrib.nn import HybridConcurrent, Identity
    from mxnet.gluon.contrib import nn as contrib_nn, data as contrib_data
else:
    import tinynet as mx
    from tinynet import gluon
    from tinynet.gluon import nn
    from tinynet.gluon.contrib.estimator import estimator, event_handler
    from tinynet.gluon.contrib.nn import HybridConcurrent, Identity
    from tinynet.gluon.contrib import nn as contrib_nn, data as contrib_data

warnings.simplefilter('ignore')
found = {}
rs = onp.random.RandomState(0)


def values(a):
    return a.asnumpy().astype('float64').tolist()


def fixed_net():
    """A small MLP whose parameters are set from `rs`, the same under both frameworks."""
    net = nn.HybridSequential()
    with net.name_scope():
        net.add(nn.Dense(8, activation='relu', in_units=4), nn.Dense(3, in_units=8))
    net.initialize()
    for name in sorted(net.collect_params().keys()):
        p = net.collect_params()[name]
        p.set_data(mx.nd.array(rs.uniform(-0.5, 0.5, p.shape).astype('float32')))
    return net


X = rs.randn(40, 4).astype('float32')
Y = (X[:, 0] > 0).astype('float32') + (X[:, 1] > 0.5).astype('float32')
loader = gluon.data.DataLoader(gluon.data.ArrayDataset(mx.nd.array(X), mx.nd.array(Y)),
                               batch_size=8, shuffle=False)


class Record(event_handler.EpochEnd, event_handler.BatchEnd):
    def __init__(self):
        self.epochs, self.batches = [], 0

    def epoch_end(self, est, *args, **kwargs):
        self.epochs.append([list(m.get()) for m in est.train_metrics])

    def batch_end(self, est, *args, **kwargs):
        self.batches += 1


# fit with the default metrics (Accuracy and the loss, for softmax cross-entropy) and validation
net = fixed_net()
trainer = gluon.Trainer(net.collect_params(), 'sgd', {'learning_rate': 0.1})
est = estimator.Estimator(net=net, loss=gluon.loss.SoftmaxCrossEntropyLoss(), trainer=trainer,
                          context=mx.cpu())
est.logger.setLevel(logging.ERROR)
record = Record()
est.fit(train_data=loader, val_data=loader, epochs=3, event_handlers=[record])
found['metric names'] = [m.name for m in est.train_metrics] + [m.name for m in est.val_metrics]
found['train metrics by epoch'] = record.epochs
found['val metrics'] = [list(m.get()) for m in est.val_metrics]
found['weights after fit'] = values(net.collect_params()[sorted(net.collect_params().keys())[0]].data())
found['batches seen'] = record.batches

# fit by batches stops mid-epoch; evaluate alone
net = fixed_net()
trainer = gluon.Trainer(net.collect_params(), 'sgd', {'learning_rate': 0.05})
acc = mx.metric.Accuracy()
est = estimator.Estimator(net=net, loss=gluon.loss.SoftmaxCrossEntropyLoss(), train_metrics=acc,
                          trainer=trainer, context=mx.cpu())
est.logger.setLevel(logging.ERROR)
record = Record()
est.fit(train_data=loader, batches=7, event_handlers=[record])
found['by batches'] = [record.batches, values(net(mx.nd.array(X[:2])))]
est.evaluate(val_data=loader)
found['evaluate'] = [list(m.get()) for m in est.val_metrics]
found['default handlers'] = [type(h).__name__ for h in est._prepare_default_handlers(
    val_data=loader, event_handlers=[])]

# checkpoints: files kept, the best one, early stopping on a metric that cannot improve
folder = tempfile.mkdtemp()
net = fixed_net()
trainer = gluon.Trainer(net.collect_params(), 'sgd', {'learning_rate': 0.1})
est = estimator.Estimator(net=net, loss=gluon.loss.SoftmaxCrossEntropyLoss(), trainer=trainer,
                          context=mx.cpu())
est.logger.setLevel(logging.ERROR)
checkpoint = event_handler.CheckpointHandler(model_dir=folder, model_prefix='m',
                                             monitor=est.train_metrics[0], save_best=True,
                                             mode='max', max_checkpoints=2)
stopping = event_handler.EarlyStoppingHandler(monitor=est.train_metrics[0], patience=1,
                                              mode='max', min_delta=10)
est.fit(train_data=loader, epochs=5, event_handlers=[checkpoint, stopping])
found['checkpoint files'] = sorted(os.listdir(folder))
found['early stop'] = [stopping.stopped_epoch, stopping.current_epoch]

# HybridConcurrent and Identity, imperative and hybridized
block = HybridConcurrent(axis=1)
with block.name_scope():
    block.add(nn.Dense(3, in_units=4), nn.Dense(2, in_units=4), Identity())
block.initialize()
for name in sorted(block.collect_params().keys()):
    p = block.collect_params()[name]
    p.set_data(mx.nd.array(rs.uniform(-1, 1, p.shape).astype('float32')))
x = mx.nd.array(X[:3])
found['concurrent'] = values(block(x))
block.hybridize()
found['concurrent hybridized'] = values(block(x))
found['concurrent params'] = [n[n.index('_') + 1:] for n in sorted(block.collect_params().keys())]

# a second network built with the first one's parameters shares them, in a name scope too
net = nn.Sequential()
with net.name_scope():
    net.add(nn.Dense(4, in_units=3))
shared = nn.Sequential(params=net.collect_params())
with shared.name_scope():
    shared.add(nn.Dense(4, in_units=3))
net.initialize()
found['shared names'] = [n[n.index('_') + 1:] for n in shared.collect_params().keys()] + \
    [shared.collect_params()[k] is net.collect_params()[k] for k in shared.collect_params().keys()]

# initializers
w = mx.nd.zeros((2, 1, 5, 5))
mx.init.Bilinear()._init_weight('w', w)
found['bilinear'] = values(w)
b = nn.Dense(8, in_units=2, bias_initializer=mx.init.LSTMBias(forget_bias=2.5))
b.initialize()
found['lstmbias'] = values(b.bias.data())
found['constant dumps'] = [mx.init.Constant(1).dumps(),
                           mx.init.Constant(mx.nd.ones((2, 2)) * 3).dumps()]
data = mx.sym.var('data')
mod = mx.mod.Module(mx.sym.FullyConnected(data=data, num_hidden=2, name='fc'), label_names=None)
mod.bind(data_shapes=[('data', (1, 2))])
mod.init_params(mx.init.Mixed(['.*bias', '.*'], [mx.init.Constant(0.5), mx.init.One()]))
found['mixed'] = [values(mod.get_params()[0]['fc_weight']), values(mod.get_params()[0]['fc_bias'])]
prelu = mx.sym.LeakyReLU(data=data, act_type='prelu', name='p')
bn = mx.sym.BatchNorm(data=prelu, name='bn')
found['input inits'] = {k: v['__init__'] for k, v in bn.attr_dict().items() if '__init__' in v}
mod = mx.mod.Module(bn, label_names=None)
mod.bind(data_shapes=[('data', (2, 3))])
mod.init_params(mx.init.Uniform(0.1))
args, auxs = mod.get_params()
found['module prelu gamma'] = values(args['p_gamma'])
found['module bn aux'] = [values(auxs['bn_moving_mean']), values(auxs['bn_moving_var'])]
path = os.path.join(folder, 'load.params')
mx.nd.save(path, {'arg:fc_weight': mx.nd.array(rs.randn(3, 2).astype('float32'))})
fc = mx.sym.FullyConnected(data=data, num_hidden=3, name='fc')
mod = mx.mod.Module(fc, label_names=None)
mod.bind(data_shapes=[('data', (1, 2))])
mod.init_params(mx.init.Load(path, default_init=mx.init.Constant(0.25)))
found['load'] = [values(mod.get_params()[0]['fc_weight']), values(mod.get_params()[0]['fc_bias'])]

# contrib: pixel shuffles (values and gradients, hybridized too), the interval sampler
for cls, shape in ((contrib_nn.PixelShuffle1D(3), (2, 6, 4)),
                   (contrib_nn.PixelShuffle2D((2, 3)), (2, 12, 2, 3)),
                   (contrib_nn.PixelShuffle3D((2, 1, 3)), (1, 12, 2, 2, 2))):
    x = mx.nd.array(rs.randn(*shape).astype('float32'))
    x.attach_grad()
    head = mx.nd.array(rs.randn(*cls(x).shape).astype('float32'))
    with mx.autograd.record():
        y = cls(x)
    y.backward(head)
    cls.hybridize()
    found[repr(cls)] = [values(y), values(x.grad), values(cls(x))]
found['interval sampler'] = list(contrib_data.IntervalSampler(11, 4))

# the layers nn.Embedding and nn.GELU
layer = nn.Embedding(10, 4)
layer.initialize(mx.init.Constant(mx.nd.arange(40).reshape((10, 4)) / 10))
x = mx.nd.array([[3, 4, 2], [0, 1, 3]])
with mx.autograd.record():
    y = layer(x)
    (y * y).sum().backward()
found['embedding layer'] = [values(y), values(layer.weight.grad()), repr(layer),
                            sorted(layer.collect_params().keys())[0].split('_', 1)[1]]
x = mx.nd.array([-3, -1, -0.2, 0, 0.5, 2.5])
x.attach_grad()
with mx.autograd.record():
    y = nn.GELU()(x)
y.backward()
found['gelu layer'] = [values(y), values(x.grad)]
print(json.dumps(found))
