"""Run the MXNet cells of Dive into Deep Learning's chapters 2-7 on tinynet, as Jupyter's "Run All".

    python tests/d2l/run.py                        # every section; writes STATUS.md
    python tests/d2l/run.py chapter_linear-networks__linear-regression-scratch   # some
    python tests/d2l/run.py --mxnet ../mxnet-venv/bin/python     # MXNet 1.9.1 itself (MXNET.md)
    python tests/d2l/run.py --full NAME            # the large CNNs' full training (hours)
    python tests/d2l/run.py --compare              # printed numbers against MXNet's: COMPARE.md

Each section (code/*.py, made by extract.py) runs in a process of its own, in a scratch folder
beside a copy of the book's library (d2l/mxnet.py, its imports changed), with MNIST and no
network, as tests/mxnet_tutorials/run.py runs MXNet's tutorials (the same driver). Fashion-MNIST
has no copy here: MNIST's files stand in under its names (the loader says so). The sections that
train 96-224 px CNNs for ten epochs and the batch normalisation one (SHORT) run one epoch of
SHORT_BATCHES batches unless --full:
the harness wraps d2l.load_data_fashion_mnist and d2l.train_ch6, the cells stay as the book has
them. The book's library needs pandas, matplotlib, matplotlib-inline and IPython (the `d2l`
extra).
"""
import importlib.util
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def _load(name, path):
    """A module from its file, under a name of its own (both harnesses' files are run.py)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tutorials = _load('mxnet_tutorials_run', os.path.join(os.path.dirname(HERE), 'mxnet_tutorials',
                                                      'run.py'))

CODE = os.path.join(HERE, 'code')
LIBRARY = os.path.join(HERE, 'd2l')
# The sections that train 96-224 px CNNs for ten epochs, and batch normalisation from scratch
# (LeNet, 2 x 10 epochs of many small ops: over 15 minutes on a 2-core machine for MXNet 1.9.1 as
# for tinynet), run one epoch of SHORT_BATCHES batches unless --full
SHORT = {'chapter_convolutional-modern__%s' % n
         for n in ('alexnet', 'vgg', 'nin', 'googlenet', 'resnet', 'densenet', 'batch-norm')}
SHORT_BATCHES = 5      # d2l.train_ch6 draws its curve every num_batches // 5 batches
LIMIT_SECONDS = 900


def names():
    return sorted(f[:-3] for f in os.listdir(CODE) if f.endswith('.py'))


def run(name, python=None, full=False, env=None):
    """{'cells', 'ran', 'error', 'seconds', 'outputs'} of one section (on MXNet when `python` is
    given); `env`: more variables (HARNESS_SEED)."""
    env = dict(env or {})
    if not full and name in SHORT:
        env['HARNESS_SHORT_BATCHES'] = str(SHORT_BATCHES)
    return tutorials.run(name, limit=None if full else LIMIT_SECONDS, python=python, code=CODE,
                         packages=[LIBRARY], env=env)


# Sections that train nothing for long and print numbers that do not all depend on the random
# draw or the clock (model-construction's, the mlp section's and linear-regression's do):
# compared with MXNet's
COMPARED = ['chapter_preliminaries__%s' % n for n in ('ndarray', 'linear-algebra', 'calculus',
                                                      'autograd', 'probability')] + \
    ['chapter_deep-learning-computation__%s' % n for n in ('parameters', 'deferred-init',
                                                           'custom-layer', 'read-write',
                                                           'use-gpu')] + \
    ['chapter_convolutional-neural-networks__%s' % n for n in ('conv-layer',
                                                               'padding-and-strides', 'channels',
                                                               'pooling')]
MXNET_OUTPUTS = os.path.join(HERE, 'mxnet_outputs.json')


def compare(name, mxnet_outputs):
    """tutorials.compare_outputs of one section run twice on tinynet (HARNESS_SEED 1 and 2):
    the cells whose numbers do not depend on the draw, against MXNet 1.9.1's."""
    return tutorials.compare_outputs(run(name, env={'HARNESS_SEED': '1'}),
                                     run(name, env={'HARNESS_SEED': '2'}), mxnet_outputs)


def read_table(path):
    """{section: result} from STATUS.md or MXNET.md ({} when there is none)."""
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        rows = re.findall(r'^\| ([\w-]+) \| (\w+)/(\w+) \| (?:runs|stops)[^|]* \| (.*?) \|',
                          f.read(), re.M)
    number = lambda text: None if text == 'None' else int(text)     # noqa: E731
    return {name: {'ran': number(ran), 'cells': number(cells),
                   'error': error.replace('\\|', '|') or None}
            for name, ran, cells, error in rows}


def table(results, on, mxnet=None):
    lines = ['# Dive into Deep Learning (MXNet edition, chapters 2-7) on %s' % on, '',
             'Generated by `python tests/d2l/run.py%s`; extract.py took the cells from '
             'd2l-ai/d2l-en %s (d2l 0.17.6). Sections marked (short) trained one epoch of %d '
             'batches. `tests/test_d2l.py` requires every section marked "runs" to keep running.'
             % (' --mxnet PYTHON' if on != 'tinynet' else '', 'r0.17', SHORT_BATCHES), '',
             '| section | cells run | status | first failure |%s' % (' MXNet 1.9.1 |' if mxnet
                                                                      else ''),
             '|---|---|---|---|%s' % ('---|' if mxnet else '')]
    for name, r in sorted(results.items()):
        theirs = ''
        if mxnet is not None:
            m = mxnet.get(name)
            theirs = ' %s |' % ('?' if m is None else 'runs' if tutorials.runs(m) else
                                'stops at cell %s' % m['ran'])
        lines.append('| %s | %s/%s | %s%s | %s |%s' % (
            name, r['ran'], r['cells'], 'runs' if tutorials.runs(r) else 'stops',
            ' (short)' if name in SHORT else '', (r['error'] or '').replace('|', '\\|'), theirs))
    ran = sum(1 for r in results.values() if tutorials.runs(r))
    lines += ['', '%d of %d sections run to the end.' % (ran, len(results))]
    if mxnet:
        both = [n for n, m in mxnet.items() if tutorials.runs(m)]
        lines.append('MXNet 1.9.1 runs %d of them (MXNET.md); tinynet runs %d of those.' % (
            len(both), sum(1 for n in both if n in results and tutorials.runs(results[n]))))
    return '\n'.join(lines) + '\n'


def write_comparison():
    """COMPARE.md: each section of COMPARED, its cells compared with MXNet's."""
    tutorials.write_comparison(COMPARED, compare, MXNET_OUTPUTS, HERE, 'D2L sections',
                               'tests/d2l/run.py')


def main(args):
    if args[:1] == ['--compare']:
        write_comparison()
        return
    python, full = None, False
    if args[:1] == ['--mxnet']:
        python, args = args[1], args[2:]
    if args[:1] == ['--full']:
        full, args = True, args[1:]
    path = os.path.join(HERE, 'MXNET.md' if python else 'STATUS.md')
    results = read_table(path) if args else {}
    for name in args or names():
        results[name] = r = run(name, python=python, full=full)
        print('%-70s %s/%s %ss %s' % (name, r['ran'], r['cells'], r['seconds'], r['error'] or 'ok'),
              flush=True)
    results = {n: r for n, r in results.items() if n in names()}
    if python:          # MXNet's printed outputs, for --compare
        tutorials.keep_mxnet_outputs(MXNET_OUTPUTS, results, COMPARED)
    mxnet = None if python else read_table(os.path.join(HERE, 'MXNET.md'))
    with open(path, 'w') as f:
        f.write(table(results, 'MXNet 1.9.1' if python else 'tinynet', mxnet))


if __name__ == '__main__':
    main(sys.argv[1:])
