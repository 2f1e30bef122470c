"""Run by tests/test_dist.py as `mpiexec -n 2 python tests/dist_worker.py module|gluon`: each
worker trains on its part of the data through a dist_sync kvstore; rank 0 then trains one process
on the same batches combined and prints how far the two sets of parameters are apart."""
import sys

import numpy as np

import tinynet as mx
from tinynet import autograd, gluon, nd

BATCH, EPOCHS = 8, 2


def data():
    rng = np.random.default_rng(0)           # the same data in every worker
    return (rng.standard_normal((64, 10)).astype(np.float32),
            rng.integers(0, 3, 64).astype(np.float32))


def combined(x, y, workers):
    """The rows reordered so that batch j of one process is batch j of every worker, joined."""
    parts = np.array_split(np.arange(len(x)), workers)
    order = np.concatenate([np.concatenate([p[j:j + BATCH] for p in parts])
                            for j in range(0, len(parts[0]), BATCH)])
    return x[order], y[order]


def module_params(kvstore, x, y, batch, rank=0, workers=1):
    mx.random.seed(1)
    net = mx.sym.SoftmaxOutput(mx.sym.FullyConnected(mx.sym.Activation(mx.sym.FullyConnected(
        mx.sym.var('data'), num_hidden=6, name='fc1'), act_type='tanh'), num_hidden=3,
        name='fc2'), name='softmax')
    mod = mx.mod.Module(net)
    mod.fit(mx.io.NDArrayIter(x, y, batch, num_parts=workers, part_index=rank), kvstore=kvstore,
            num_epoch=EPOCHS, initializer=mx.init.Xavier(),
            optimizer_params={'learning_rate': 0.5, 'momentum': 0.9})
    return mod.get_params()[0]


def gluon_params(kvstore, x, y, batch, rank=0, workers=1):
    mx.random.seed(1 + rank)                 # different draws: the broadcast must fix them
    net = gluon.nn.HybridSequential()
    net.add(gluon.nn.Dense(6, activation='tanh', in_units=10), gluon.nn.Dense(3, in_units=6))
    net.initialize(mx.init.Xavier())
    trainer = gluon.Trainer(net.collect_params(), 'sgd', {'learning_rate': 0.5}, kvstore=kvstore)
    loss_fn = gluon.loss.SoftmaxCrossEntropyLoss()
    loader = mx.io.NDArrayIter(x, y, batch, num_parts=workers, part_index=rank)
    for _ in range(EPOCHS):
        loader.reset()
        for b in loader:
            with autograd.record():
                loss_fn(net(nd.array(b.data[0])), nd.array(b.label[0])).backward()
            trainer.step(batch * workers)
    return {p.name.split('_', 1)[1]: p.data().asnumpy() for p in net.collect_params().values()}


def die(kv):
    """Rank 1 dies in the middle of training; rank 0 is left waiting in an allreduce."""
    import os
    x, y = data()
    if kv.rank == 1:
        os._exit(3)
    module_params(kv, x, y, BATCH, kv.rank, kv.num_workers)


def main(kind):
    kv = mx.kv.create('dist_sync')
    if kind == 'die':
        die(kv)
        return
    rank, workers = kv.rank, kv.num_workers
    x, y = data()
    train = module_params if kind == 'module' else gluon_params
    ours = train(kv, x, y, BATCH, rank, workers)
    if rank == 0:
        xc, yc = combined(x, y, workers)
        mx.random.seed(1)
        reference = train(None if kind == 'gluon' else 'local', xc, yc, BATCH * workers)
        worst = max(float(np.abs(ours[k] - reference[k]).max()) for k in reference)
        print('workers %d %s max difference %.3g' % (workers, kind, worst), flush=True)
    kv.barrier()


if __name__ == '__main__':
    main(sys.argv[1])
