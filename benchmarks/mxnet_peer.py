"""MXNet 1.9.1 itself as the peer: its accuracy on our tutorial scripts, and its Gluon epoch on
one and on two CPU contexts. Run it with MXNet's own interpreter, never tinynet's.

MXNet 1.9.1 needs NumPy < 1.24 and tinynet NumPy 2, so the two cannot share a virtual
environment. MXNet is never a dependency of tinynet; to measure against it:

    python3 -m venv ../mxnet-venv
    ../mxnet-venv/bin/pip install "numpy==1.23.5" "mxnet==1.9.1"
    python benchmarks/run.py --gluon --mxnet ../mxnet-venv/bin/python   # epochs side by side
    ../mxnet-venv/bin/python benchmarks/mxnet_peer.py tutorials          # MXNet's accuracies

`tutorials` runs examples/tutorial.py and examples/gluon_tutorial.py with `tinynet` swapped
back to `mxnet` (the reverse of what we did to MXNet's tutorials), in a scratch folder that holds
the four MNIST files: MXNet's get_mnist() reads them from its working directory and downloads only
what is missing, and no machine here reaches the internet. It prints each script's accuracy lines.

`contexts --seed S` times one epoch of the Gluon tutorial's MLP loop on [cpu(0)] and on
[cpu(0), cpu(1)] (gluon_loop.py's, the very code run.py times tinynet with) and prints one JSON
line; run.py --mxnet calls it once per repeat.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import gluon_loop     # beside this file: Python puts the script's folder on sys.path

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MNIST_FILES = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz',
               't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz']


def find_mnist(given):
    """The folder holding the four MNIST files: --mnist, else ../shared/data/mnist beside the
    repository, else tinynet's cache ~/.tinynet/datasets/mnist."""
    candidates = [given] if given else [
        os.path.join(ROOT, '..', 'shared', 'data', 'mnist'),
        os.path.join(os.path.expanduser('~'), '.tinynet', 'datasets', 'mnist')]
    for folder in candidates:
        if all(os.path.isfile(os.path.join(folder, f)) for f in MNIST_FILES):
            return folder
    raise SystemExit('mxnet_peer: no folder with the four MNIST files among %s; pass --mnist DIR'
                     % candidates)


def tutorials(mnist):
    with tempfile.TemporaryDirectory() as scratch:
        for f in MNIST_FILES:
            shutil.copy(os.path.join(mnist, f), scratch)
        for script in ('tutorial.py', 'gluon_tutorial.py'):
            with open(os.path.join(ROOT, 'examples', script)) as f:
                source = f.read().replace('tinynet', 'mxnet')
            path = os.path.join(scratch, 'mxnet_' + script)
            with open(path, 'w') as f:
                f.write(source)
            tic = time.perf_counter()
            run = subprocess.run([sys.executable, path], cwd=scratch, capture_output=True,
                                 text=True)
            log = run.stdout + run.stderr
            if run.returncode != 0:
                raise SystemExit('mxnet_peer: MXNet failed on %s:\n%s' % (script, log[-3000:]))
            # the test accuracies the scripts print at their ends (not the per-epoch log lines)
            found = re.findall(r"(?:validation acc: accuracy=|EvalMetric: \{'accuracy': )(\d\.\d+)",
                               log)
            print('%s under MXNet %s: %.0f s; accuracies %s' % (
                script, mxnet_version(), time.perf_counter() - tic, ', '.join(found)), flush=True)


def mxnet_version():
    import mxnet
    return mxnet.__version__


def contexts(mnist, seed):
    import logging
    logging.disable(logging.INFO)      # get_mnist logs each file it finds
    import mxnet as mx
    old = os.getcwd()
    with tempfile.TemporaryDirectory() as scratch:
        for f in MNIST_FILES:
            shutil.copy(os.path.join(mnist, f), scratch)
        os.chdir(scratch)
        data = mx.test_utils.get_mnist()
        os.chdir(old)

    order = [1, 2] if seed % 2 == 0 else [2, 1]
    result = {'mxnet': mxnet_version()}
    for n in order:
        result['mlp %d ctx' % n] = gluon_loop.train_epoch(mx, lambda: gluon_loop.mlp(mx), data,
                                                          seed, [mx.cpu(i) for i in range(n)])
    print(json.dumps(result))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('what', choices=['tutorials', 'contexts'])
    parser.add_argument('--mnist', help='folder with the four MNIST .gz files')
    parser.add_argument('--seed', type=int, default=0)
    args = parser.parse_args()
    try:
        mxnet_version()
    except ImportError:
        raise SystemExit('mxnet_peer: run this with an interpreter that has MXNet 1.9.1 (see its '
                         'docstring), not with tinynet\'s')
    mnist = find_mnist(args.mnist)
    if args.what == 'tutorials':
        tutorials(mnist)
    else:
        contexts(mnist, args.seed)


if __name__ == '__main__':
    main()
