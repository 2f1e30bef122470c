"""tinynet against PyTorch (CPU) on the MXNet tutorial's networks, interleaved in one process.

    pip install torch            # the CPU build; torch is never a dependency of tinynet
    python benchmarks/run.py     # --repeats 3 --nets mlp lenet  (--steps only: the step table)

For each network: training time per epoch through Module.fit (batch 100, SGD lr 0.1, the train
accuracy metric on, as the tutorial), and inference throughput over the 10,000 test images through
Module.predict (the median of 5 passes), each against the same network trained by a plain PyTorch
loop; runs alternate tinynet/PyTorch so both see the same machine state. Ratios are tinynet / PyTorch
(times: lower is better for tinynet; throughput: higher). The FLOP floor is the network's training
FLOPs divided by this machine's SGEMM speed measured here. Peak memory is each framework's whole
tutorial run (load MNIST, one epoch of training, predict) in a child process of its own (VmHWM).

Then one LeNet training step (batch 100: forward, backward, SGD update) three ways: tinynet's
executor (the symbolic path Module.fit runs), tinynet's ops called one by one on mx.nd arrays under
autograd.record() (the imperative path), and PyTorch eager; the median of 30 steps each, after
warm-up, in interleaved rounds.

tinynet's CPU executor tells glibc's malloc to keep freed memory for reuse
(tinynet.backend.keep_freed_host_memory); PyTorch, in the same process, runs under that setting too.
"""
import argparse
import json
import logging
import os
import platform
import resource
import statistics
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'examples'))

import tinynet as mx                          # noqa: E402
import gluon_loop                             # noqa: E402
from mnist_lenet import LENET_PARAMS, lenet, lenet_imperative   # noqa: E402
from mnist_mlp import mlp                     # noqa: E402

BATCH = 100


# ----- tinynet -----

def tinynet_train_epoch(net, data, seed):
    mx.random.seed(seed)
    it = mx.io.NDArrayIter(data['train_data'], data['train_label'], BATCH, shuffle=True)
    mod = mx.mod.Module(net(), context=mx.cpu())
    tic = time.perf_counter()
    mod.fit(it, optimizer='sgd', optimizer_params={'learning_rate': 0.1}, eval_metric='acc',
            num_epoch=1)
    return time.perf_counter() - tic, mod


def tinynet_predict(mod, data):
    it = mx.io.NDArrayIter(data['test_data'], None, BATCH)
    tic = time.perf_counter()
    prob = mod.predict(it)
    assert prob.shape == (10000, 10)
    return time.perf_counter() - tic


def steady_time(predict, runs=5):
    """Median seconds of `runs` passes over the test set, after one pass to warm up. One pass of
    the MLP takes about 16 ms, so a single timing mostly measured the switch from the other
    framework: each has its own thread pool (OpenBLAS's, PyTorch's OpenMP), whose threads keep
    spinning for a while after their work and take the cores from the next framework."""
    predict()
    return statistics.median(predict() for _ in range(runs))


# ----- PyTorch, the same networks and the same training loop -----

def torch_net(torch, name):
    nn = torch.nn
    if name == 'mlp':
        layers = [nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(),
                  nn.Linear(64, 10)]
    else:
        layers = [nn.Conv2d(1, 20, 5), nn.Tanh(), nn.MaxPool2d(2, 2), nn.Conv2d(20, 50, 5),
                  nn.Tanh(), nn.MaxPool2d(2, 2), nn.Flatten(), nn.Linear(800, 500), nn.Tanh(),
                  nn.Linear(500, 10)]
    model = nn.Sequential(*layers)
    with torch.no_grad():          # MXNet's Module.fit default: weights U(-0.01, 0.01), biases 0
        for p in model.parameters():
            p.uniform_(-0.01, 0.01) if p.dim() > 1 else p.zero_()
    return model


def torch_train_epoch(torch, name, data, seed):
    torch.manual_seed(seed)
    model = torch_net(torch, name)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    loss_fn = torch.nn.CrossEntropyLoss()        # mean over the batch = rescale_grad 1/100
    x_all = torch.from_numpy(data['train_data'])
    y_all = torch.from_numpy(data['train_label'].astype(np.int64))
    tic = time.perf_counter()
    order = torch.randperm(x_all.shape[0])
    correct = 0
    for start in range(0, x_all.shape[0], BATCH):
        idx = order[start:start + BATCH]
        x, y = x_all[idx], y_all[idx]
        opt.zero_grad()
        out = model(x)
        loss_fn(out, y).backward()
        opt.step()
        correct += int((out.argmax(1) == y).sum())   # the train accuracy, as fit computes it
    return time.perf_counter() - tic, model


def torch_predict(torch, model, data):
    x_all = torch.from_numpy(data['test_data'])
    tic = time.perf_counter()
    with torch.no_grad():
        outs = [torch.softmax(model(x_all[s:s + BATCH]), 1) for s in range(0, 10000, BATCH)]
    prob = torch.cat(outs).numpy()
    assert prob.shape == (10000, 10)
    return time.perf_counter() - tic


# ----- one LeNet step, three ways -----

def lenet_steps(torch, data, steps=30, rounds=3):
    """Median ms of one training step of LeNet for the executor, mx.nd + autograd, and PyTorch."""
    rng = np.random.default_rng(0)
    x = data['train_data'][:BATCH]
    y = data['train_label'][:BATCH]
    net = lenet()
    exe = net.simple_bind(mx.cpu(), data=(BATCH, 1, 28, 28), softmax_label=(BATCH,))
    symbol_names = [n for n in net.list_arguments() if n not in ('data', 'softmax_label')]
    for name in symbol_names:
        exe.arg_dict[name][...] = rng.uniform(-0.01, 0.01, exe.arg_dict[name].shape)
    updater = mx.optimizer.get_updater(mx.optimizer.SGD(learning_rate=0.1, rescale_grad=1 / BATCH))

    def executor_step():
        exe.arg_dict['data'][...] = x
        exe.arg_dict['softmax_label'][...] = y
        exe.forward(is_train=True)
        exe.backward()
        for name in symbol_names:
            updater(name, exe.grad_dict[name], exe.arg_dict[name])

    params = {ours: mx.nd.array(exe.arg_dict[theirs])
              for ours, theirs in zip(LENET_PARAMS, symbol_names)}
    for p in params.values():
        p.attach_grad()
    x_nd, y_nd = mx.nd.array(x), mx.nd.array(y)

    def imperative_step():
        with mx.autograd.record():
            out = mx.nd.SoftmaxOutput(lenet_imperative(x_nd, params), y_nd)
        out.backward()
        for p in params.values():
            p -= (0.1 / BATCH) * p.grad

    steps_by = {'executor': executor_step, 'imperative': imperative_step}
    if torch is not None:
        model = torch_net(torch, 'lenet')
        opt = torch.optim.SGD(model.parameters(), lr=0.1)
        loss_fn = torch.nn.CrossEntropyLoss()
        xt, yt = torch.from_numpy(x), torch.from_numpy(y.astype(np.int64))

        def torch_step():
            opt.zero_grad()
            loss_fn(model(xt), yt).backward()
            opt.step()
        steps_by['torch'] = torch_step
    times = {name: [] for name in steps_by}
    for r in range(rounds):
        for name, step in (steps_by.items() if r % 2 == 0 else reversed(steps_by.items())):
            for _ in range(5):
                step()                                  # warm up, and let the other pool rest
            for _ in range(steps):
                tic = time.perf_counter()
                step()
                times[name].append(time.perf_counter() - tic)
    return {name: 1000 * statistics.median(t) for name, t in times.items()}


# ----- Gluon: the same LeNet as blocks -----

def gluon_lenet():
    nn = mx.gluon.nn
    net = nn.HybridSequential()
    with net.name_scope():
        net.add(nn.Conv2D(20, kernel_size=5, activation='tanh'), nn.MaxPool2D(2, 2),
                nn.Conv2D(50, kernel_size=5, activation='tanh'), nn.MaxPool2D(2, 2),
                nn.Flatten(), nn.Dense(500, activation='tanh'), nn.Dense(10))
    return net


def mxnet_contexts(python, seed):
    """MXNet 1.9.1's epochs of the same MLP loop on one and two contexts, from its own
    interpreter (benchmarks/mxnet_peer.py says how to make one)."""
    out = subprocess.run([python, os.path.join(HERE, 'mxnet_peer.py'), 'contexts', '--seed',
                          str(seed)], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit('run.py: %s benchmarks/mxnet_peer.py failed:\n%s'
                         % (python, out.stderr[-2000:]))
    return json.loads(out.stdout.strip().splitlines()[-1])


def gluon_table(torch, data, repeats, mxnet_python=None):
    """Gluon LeNet (imperative and hybridized) against PyTorch and against Module, and the
    tutorial's MLP on two CPU contexts against one, each the median of `repeats` epochs; with
    `mxnet_python`, MXNet 1.9.1's own two-context and one-context epochs in the same rounds."""
    mlp_net = lambda: gluon_loop.mlp(mx)      # noqa: E731
    runs = {'gluon': lambda r: gluon_loop.train_epoch(mx, gluon_lenet, data, r, [mx.cpu()]),
            'hybrid': lambda r: gluon_loop.train_epoch(mx, gluon_lenet, data, r, [mx.cpu()], True),
            'module': lambda r: tinynet_train_epoch(lenet, data, r)[0],
            'mlp 1 ctx': lambda r: gluon_loop.train_epoch(mx, mlp_net, data, r, [mx.cpu()]),
            'mlp 2 ctx': lambda r: gluon_loop.train_epoch(mx, mlp_net, data, r,
                                                          [mx.cpu(0), mx.cpu(1)])}
    if torch is not None:
        runs['torch'] = lambda r: torch_train_epoch(torch, 'lenet', data, r)[0]
    times = {name: [] for name in runs}
    mxnet_times = {'mlp 1 ctx': [], 'mlp 2 ctx': []}
    for r in range(repeats):
        for name, run in (runs.items() if r % 2 == 0 else reversed(runs.items())):
            times[name].append(run(r))
            print('  gluon table: %-9s epoch %.3f s' % (name, times[name][-1]), flush=True)
        if mxnet_python:
            peer = mxnet_contexts(mxnet_python, r)
            for name in mxnet_times:
                mxnet_times[name].append(peer[name])
            print('  gluon table: MXNet %s MLP epoch 1 ctx %.3f s, 2 ctx %.3f s' % (
                peer['mxnet'], peer['mlp 1 ctx'], peer['mlp 2 ctx']), flush=True)
    t = {name: statistics.median(v) for name, v in times.items()}
    t_torch = t.get('torch', float('nan'))
    print()
    print('| LeNet epoch, batch 100 | Gluon s | Gluon / PyTorch | hybridized s | hybridized / '
          'Module | Module s | PyTorch s | MLP 2 contexts / 1 context |')
    print('|---|---|---|---|---|---|---|---|')
    print('| median of %d | %.2f | %.2fx | %.2f | %.2fx | %.2f | %.2f | %.2fx (%.2f / %.2f s) |' % (
        repeats, t['gluon'], t['gluon'] / t_torch, t['hybrid'], t['hybrid'] / t['module'],
        t['module'], t_torch, t['mlp 2 ctx'] / t['mlp 1 ctx'], t['mlp 2 ctx'], t['mlp 1 ctx']))
    if mxnet_python:
        m1, m2 = (statistics.median(mxnet_times[n]) for n in ('mlp 1 ctx', 'mlp 2 ctx'))
        print()
        print('| Gluon MLP epoch, batch 100 | 1 context s | 2 contexts s | 2 / 1 |')
        print('|---|---|---|---|')
        print('| tinynet | %.2f | %.2f | %.2fx |' % (t['mlp 1 ctx'], t['mlp 2 ctx'],
                                                   t['mlp 2 ctx'] / t['mlp 1 ctx']))
        print('| MXNet 1.9.1 | %.2f | %.2f | %.2fx |' % (m1, m2, m2 / m1))
        print('| tinynet / MXNet | %.2fx | %.2fx | |' % (t['mlp 1 ctx'] / m1, t['mlp 2 ctx'] / m2))


# ----- FLOPs and the floor -----

def training_flops(name):
    """Multiply-adds x 2 for forward, and backward's two products per layer (dx skipped for the
    first layer, whose input needs no gradient), per epoch of 60,000 images."""
    if name == 'mlp':
        layers = [(784, 128), (128, 64), (64, 10)]
        forward = sum(a * b for a, b in layers)
        backward = 2 * forward - layers[0][0] * layers[0][1]
    else:
        conv1, conv2 = 24 * 24 * 20 * 25, 8 * 8 * 50 * 500
        fc1, fc2 = 800 * 500, 500 * 10
        forward = conv1 + conv2 + fc1 + fc2
        backward = 2 * forward - conv1
    return 2 * (forward + backward) * 60000


def sgemm_gflops():
    a = np.random.default_rng(0).random((2048, 2048), dtype=np.float32)
    a @ a
    tic = time.perf_counter()
    for _ in range(5):
        a @ a
    return 5 * 2 * 2048 ** 3 / (time.perf_counter() - tic) / 1e9


# ----- peak memory, one child process per framework -----

def memory_child(framework, name):
    """Run the tutorial's flow once (load, 1 epoch, predict) and print the peak RSS in MB."""
    data = mx.test_utils.get_mnist()
    if framework == 'tinynet':
        _, mod = tinynet_train_epoch({'mlp': mlp, 'lenet': lenet}[name], data, 0)
        tinynet_predict(mod, data)
    else:
        import torch
        _, model = torch_train_epoch(torch, name, data, 0)
        torch_predict(torch, model, data)
    print(peak_rss_mb())


def peak_rss_mb():
    """This process's peak resident memory. On Linux ru_maxrss carries over from the parent across
    exec, so a child started by a big parent would report the parent's peak; VmHWM belongs to the
    child's own address space."""
    try:
        with open('/proc/self/status') as f:
            for line in f:
                if line.startswith('VmHWM:'):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def peak_memory(framework, name):
    out = subprocess.run([sys.executable, __file__, '--memory-child', framework, name],
                         capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--repeats', type=int, default=3)
    parser.add_argument('--nets', nargs='+', default=['mlp', 'lenet'], choices=['mlp', 'lenet'])
    parser.add_argument('--no-memory', action='store_true')
    parser.add_argument('--steps', action='store_true', help='only the LeNet step table')
    parser.add_argument('--gluon', action='store_true', help='only the Gluon table')
    parser.add_argument('--mxnet', metavar='PYTHON', help='an interpreter with MXNet 1.9.1: '
                        'its Gluon MLP epochs join the Gluon table (see mxnet_peer.py)')
    parser.add_argument('--memory-child', nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(*args.memory_child)
        return
    logging.getLogger().setLevel(logging.WARNING)
    try:
        import torch
    except ImportError:
        torch = None
        print('PyTorch is not installed (pip install torch): timing tinynet alone.')
    data = mx.test_utils.get_mnist()
    gflops = sgemm_gflops()
    print('machine: %s, %d cores, Python %s, NumPy %s%s; SGEMM %.0f GFLOP/s' % (
        platform.processor() or platform.machine(), os.cpu_count(), platform.python_version(),
        np.__version__, ', PyTorch %s (%d threads)' % (torch.__version__, torch.get_num_threads())
        if torch else '', gflops))
    rows = []
    if args.gluon:
        gluon_table(torch, data, args.repeats, args.mxnet)
        return
    for name in ([] if args.steps else args.nets):
        net = {'mlp': mlp, 'lenet': lenet}[name]
        times = {'tinynet': [], 'torch': []}
        infer = {'tinynet': [], 'torch': []}
        for r in range(args.repeats):
            order = ['tinynet', 'torch'] if r % 2 == 0 else ['torch', 'tinynet']
            for fw in order:
                if fw == 'tinynet':
                    seconds, mod = tinynet_train_epoch(net, data, r)
                    infer['tinynet'].append(steady_time(lambda: tinynet_predict(mod, data)))
                elif torch is not None:
                    seconds, model = torch_train_epoch(torch, name, data, r)
                    infer['torch'].append(steady_time(lambda: torch_predict(torch, model, data)))
                else:
                    continue
                times[fw].append(seconds)
                print('  %s %-7s epoch %.3f s' % (name, fw, seconds), flush=True)
        t_tiny = statistics.median(times['tinynet'])
        t_torch = statistics.median(times['torch']) if times['torch'] else float('nan')
        i_tiny = 10000 / statistics.median(infer['tinynet'])
        i_torch = 10000 / statistics.median(infer['torch']) if infer['torch'] else float('nan')
        floor = training_flops(name) / (gflops * 1e9)
        mem = ((peak_memory('tinynet', name), peak_memory('torch', name) if torch else float('nan'))
               if not args.no_memory else (float('nan'), float('nan')))
        rows.append((name, t_tiny, t_torch, i_tiny, i_torch, floor, mem))
    print()
    print('| network | train s/epoch tinynet | PyTorch | ratio | FLOP floor s (fraction) | '
          'predict img/s tinynet | PyTorch | ratio | peak MB tinynet | PyTorch | ratio |')
    print('|---|---|---|---|---|---|---|---|---|---|---|')
    for name, t_tiny, t_torch, i_tiny, i_torch, floor, (m_tiny, m_torch) in rows:
        print('| %s | %.2f | %.2f | %.2fx | %.2f (%.0f%%) | %.0f | %.0f | %.2fx | %.0f | %.0f | %.2fx |' % (
            name, t_tiny, t_torch, t_tiny / t_torch, floor, 100 * floor / t_tiny, i_tiny, i_torch,
            i_tiny / i_torch, m_tiny, m_torch, m_tiny / m_torch))
    step = lenet_steps(torch, data)
    print()
    print('| LeNet step, batch 100 | executor ms | imperative ms | imperative / executor | '
          'PyTorch eager ms | imperative / PyTorch |')
    print('|---|---|---|---|---|---|')
    print('| median of 90 | %.2f | %.2f | %.2fx | %.2f | %.2fx |' % (
        step['executor'], step['imperative'], step['imperative'] / step['executor'],
        step.get('torch', float('nan')), step['imperative'] / step.get('torch', float('nan'))))


if __name__ == '__main__':
    main()
