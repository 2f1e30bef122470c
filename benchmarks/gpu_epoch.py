"""One training epoch of the tutorial's MLP and LeNet on a GPU: tinynet on mx.gpu() (CuPy) against
PyTorch eager on CUDA, interleaved in one process; the table goes to stdout and to --out.

    python benchmarks/gpu_epoch.py --out gpu_results.md     # run by benchmarks/gpu_check.sh

Both frameworks train the same recipe as benchmarks/run.py (batch 100, SGD lr 0.1, Uniform(0.01),
one epoch of the 60,000 images), time the epoch after a warm-up epoch, and report the test
accuracy so a wrong GPU result cannot pass as a fast one.
"""
import argparse
import os
import statistics
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'examples'))
sys.path.insert(0, HERE)

import tinynet as mx                      # noqa: E402
from mnist_lenet import lenet             # noqa: E402
from mnist_mlp import mlp                 # noqa: E402
from run import torch_net                 # noqa: E402

BATCH = 100


def tinynet_epoch(name, data):
    mx.random.seed(1)
    net = {'mlp': mlp, 'lenet': lenet}[name]()
    mod = mx.mod.Module(net, context=mx.gpu())
    it = mx.io.NDArrayIter(data['train_data'], data['train_label'], BATCH, shuffle=True)
    tic = time.perf_counter()
    mod.fit(it, optimizer_params={'learning_rate': 0.1}, num_epoch=1)
    mx.gpu().xp.cuda.Device(0).synchronize()
    seconds = time.perf_counter() - tic
    acc = mx.metric.Accuracy()
    mod.score(mx.io.NDArrayIter(data['test_data'], data['test_label'], BATCH), acc)
    return seconds, acc.get()[1]


def torch_epoch(torch, name, data):
    torch.manual_seed(1)
    model = torch_net(torch, name).cuda()
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    loss_fn = torch.nn.CrossEntropyLoss()
    x_all = torch.from_numpy(data['train_data']).cuda()
    y_all = torch.from_numpy(data['train_label'].astype(np.int64)).cuda()
    torch.cuda.synchronize()
    tic = time.perf_counter()
    order = torch.randperm(x_all.shape[0], device='cuda')
    for start in range(0, x_all.shape[0], BATCH):
        idx = order[start:start + BATCH]
        opt.zero_grad()
        loss_fn(model(x_all[idx]), y_all[idx]).backward()
        opt.step()
    torch.cuda.synchronize()
    seconds = time.perf_counter() - tic
    with torch.no_grad():
        test = torch.from_numpy(data['test_data']).cuda()
        pred = torch.cat([model(test[s:s + BATCH]).argmax(1) for s in range(0, 10000, BATCH)])
    acc = float((pred.cpu().numpy() == data['test_label']).mean())
    return seconds, acc


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--repeats', type=int, default=3)
    parser.add_argument('--out', default='gpu_results.md')
    args = parser.parse_args()
    import torch
    data = mx.test_utils.get_mnist()
    rows = ['| network | tinynet s/epoch (acc) | PyTorch CUDA s/epoch (acc) | ratio |',
            '|---|---|---|---|']
    for name in ('mlp', 'lenet'):
        tinynet_epoch(name, data)                  # warm-up: CuPy compiles its kernels once
        torch_epoch(torch, name, data)
        ours, theirs = [], []
        for _ in range(args.repeats):
            ours.append(tinynet_epoch(name, data))
            theirs.append(torch_epoch(torch, name, data))
        t, p = statistics.median(s for s, _ in ours), statistics.median(s for s, _ in theirs)
        rows.append('| %s | %.2f (%.4f) | %.2f (%.4f) | %.2fx |' % (
            name, t, ours[-1][1], p, theirs[-1][1], t / p))
    machine = '%s; CuPy %s; PyTorch %s; %s' % (
        torch.cuda.get_device_name(0), mx.gpu().xp.__version__, torch.__version__,
        time.strftime('%Y-%m-%d'))
    table = '\n'.join(['GPU epoch, median of %d (%s)' % (args.repeats, machine), ''] + rows)
    print(table)
    with open(args.out, 'w') as f:
        f.write(table + '\n')


if __name__ == '__main__':
    main()
