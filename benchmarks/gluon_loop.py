"""The Gluon tutorial's training loop, written once against the API tinynet and MXNet share:
`mx` is either module (run.py passes tinynet, mxnet_peer.py passes MXNet 1.9.1), so that both
frameworks are timed on the very same code."""
import time


def mlp(mx):
    """The tutorial's MLP: 128 and 64 ReLU units, then 10."""
    nn = mx.gluon.nn
    net = nn.Sequential()
    net.add(nn.Dense(128, activation='relu'), nn.Dense(64, activation='relu'), nn.Dense(10))
    return net


def train_epoch(mx, make_net, data, seed, ctx_list, hybridize=False, batch_size=100):
    """Seconds for one epoch of the Gluon tutorial's loop (NDArrayIter, split_and_load, record,
    backward, Trainer.step) on the network `make_net()`, SGD lr 0.1 and U(-0.01, 0.01) weights as
    the Module benchmark."""
    mx.random.seed(seed)
    it = mx.io.NDArrayIter(data['train_data'], data['train_label'], batch_size, shuffle=True)
    net = make_net()
    net.initialize(mx.init.Uniform(0.01), ctx=ctx_list)
    if hybridize:
        net.hybridize()
    trainer = mx.gluon.Trainer(net.collect_params(), 'sgd', {'learning_rate': 0.1})
    loss_fn = mx.gluon.loss.SoftmaxCrossEntropyLoss()
    metric = mx.metric.Accuracy()
    split = mx.gluon.utils.split_and_load
    tic = time.perf_counter()
    for batch in it:
        xs, ys = split(batch.data[0], ctx_list), split(batch.label[0], ctx_list)
        outputs = []
        with mx.autograd.record():
            for x, y in zip(xs, ys):
                z = net(x)
                loss_fn(z, y).backward()
                outputs.append(z)
        metric.update(ys, outputs)
        trainer.step(batch.data[0].shape[0])
    mx.nd.waitall()          # MXNet's engine is asynchronous; tinynet has finished already
    return time.perf_counter() - tic
