"""The tutorial's training in tinynet and in MXNet 1.9.1 from the same start: the same initial
weights and the same order of batches, so that what differs between their accuracies is the
frameworks' arithmetic, not the random draws (the tutorial's own runs differ in both: MXNet's
NDArrayIter shuffles with NumPy's unseeded global generator).

    python benchmarks/same_start.py start --net lenet start.npz       # weights U(-0.01, 0.01), order
    python benchmarks/same_start.py train start.npz                   # tinynet
    ../mxnet-venv/bin/python benchmarks/same_start.py train start.npz # MXNet (mxnet_peer.py: setup)

`train` is the tutorial's Module.fit (SGD lr 0.1, batch 100, 10 epochs) written once against the
API both frameworks share: it imports `mxnet as mx` when MXNet is there, else `tinynet as mx`. Each
epoch reads the training set in the start file's order (the same permutation every epoch, so no
shuffling inside either framework); it prints the test accuracy after every epoch, as JSON.
"""
import argparse
import gzip
import json
import logging
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mxnet_peer import find_mnist  # noqa: E402  (finding MNIST needs no framework)


def read_mnist(folder):
    def images(name):
        with gzip.open(os.path.join(folder, name)) as f:
            return np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 1, 28, 28)
    def labels(name):
        with gzip.open(os.path.join(folder, name)) as f:
            return np.frombuffer(f.read(), np.uint8, offset=8)
    return {'train_data': images('train-images-idx3-ubyte.gz').astype(np.float32) / 255,
            'train_label': labels('train-labels-idx1-ubyte.gz').astype(np.float32),
            'test_data': images('t10k-images-idx3-ubyte.gz').astype(np.float32) / 255,
            'test_label': labels('t10k-labels-idx1-ubyte.gz').astype(np.float32)}


def network(mx, name):
    """The tutorial's two networks, as its code cells build them."""
    data = mx.sym.var('data')
    if name == 'mlp':
        data = mx.sym.flatten(data=data)
        fc1 = mx.sym.FullyConnected(data=data, num_hidden=128)
        act1 = mx.sym.Activation(data=fc1, act_type='relu')
        fc2 = mx.sym.FullyConnected(data=act1, num_hidden=64)
        act2 = mx.sym.Activation(data=fc2, act_type='relu')
        fc3 = mx.sym.FullyConnected(data=act2, num_hidden=10)
        return mx.sym.SoftmaxOutput(data=fc3, name='softmax')
    conv1 = mx.sym.Convolution(data=data, kernel=(5, 5), num_filter=20)
    tanh1 = mx.sym.Activation(data=conv1, act_type='tanh')
    pool1 = mx.sym.Pooling(data=tanh1, pool_type='max', kernel=(2, 2), stride=(2, 2))
    conv2 = mx.sym.Convolution(data=pool1, kernel=(5, 5), num_filter=50)
    tanh2 = mx.sym.Activation(data=conv2, act_type='tanh')
    pool2 = mx.sym.Pooling(data=tanh2, pool_type='max', kernel=(2, 2), stride=(2, 2))
    flatten = mx.sym.flatten(data=pool2)
    fc1 = mx.sym.FullyConnected(data=flatten, num_hidden=500)
    tanh3 = mx.sym.Activation(data=fc1, act_type='tanh')
    fc2 = mx.sym.FullyConnected(data=tanh3, num_hidden=10)
    return mx.sym.SoftmaxOutput(data=fc2, name='softmax')


def start(args):
    import tinynet as mx
    mx.random.seed(args.seed)
    net = network(mx, args.net)
    shapes = dict(zip(net.list_arguments(), net.infer_shape(data=(100, 1, 28, 28))[0]))
    weights = {n: np.random.default_rng(args.seed + i).uniform(-0.01, 0.01, s).astype(np.float32)
               if not n.endswith('bias') else np.zeros(s, np.float32)
               for i, (n, s) in enumerate(sorted(shapes.items()))
               if n not in ('data', 'softmax_label')}
    order = np.random.default_rng(args.seed).permutation(60000)
    np.savez(args.file, net=args.net, order=order, **{'arg:' + n: w for n, w in weights.items()})
    print('%s: %s, %d parameters' % (args.file, args.net, len(weights)))


def train(args):
    try:
        import mxnet as mx
    except ImportError:
        import tinynet as mx
    logging.disable(logging.INFO)
    saved = np.load(args.file)
    name, order = str(saved['net']), saved['order']
    arg_params = {k[4:]: mx.nd.array(saved[k]) for k in saved.files if k.startswith('arg:')}
    mnist = read_mnist(find_mnist(args.mnist))
    train_iter = mx.io.NDArrayIter(mnist['train_data'][order], mnist['train_label'][order], 100)
    val_iter = mx.io.NDArrayIter(mnist['test_data'], mnist['test_label'], 100)
    accuracies = []

    def after_epoch(epoch, symbol, arg, aux):
        accuracies.append(round(float(model.score(val_iter, 'acc')[0][1]), 4))

    model = mx.mod.Module(symbol=network(mx, name), context=mx.cpu())
    model.fit(train_iter, optimizer='sgd', optimizer_params={'learning_rate': 0.1},
              eval_metric='acc', arg_params=arg_params, num_epoch=args.epochs,
              epoch_end_callback=after_epoch)
    print(json.dumps({'framework': '%s %s' % (mx.__name__, getattr(mx, '__version__', '')),
                      'net': name, 'test accuracy per epoch': accuracies}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    sub = parser.add_subparsers(dest='what', required=True)
    s = sub.add_parser('start')
    s.add_argument('file')
    s.add_argument('--net', choices=['mlp', 'lenet'], default='lenet')
    s.add_argument('--seed', type=int, default=42)
    t = sub.add_parser('train')
    t.add_argument('file')
    t.add_argument('--epochs', type=int, default=10)
    t.add_argument('--mnist', help='folder with the four MNIST .gz files')
    args = parser.parse_args()
    (start if args.what == 'start' else train)(args)


if __name__ == '__main__':
    main()
