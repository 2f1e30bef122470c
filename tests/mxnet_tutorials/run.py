"""Run MXNet 1.9's tutorials on tinynet, cell by cell as Jupyter's "Run All" does.

    python tests/mxnet_tutorials/run.py                   # every tutorial; writes STATUS.md
    python tests/mxnet_tutorials/run.py packages__autograd__index   # some (their rows change)
    python tests/mxnet_tutorials/run.py --mxnet ../mxnet-venv/bin/python   # MXNet 1.9.1 itself

Each tutorial (code/*.py, made by extract.py) runs in a process of its own, in a scratch folder,
with MNIST from the tests' source (../shared/data/mnist, or $TINYNET_MNIST_SOURCE) in a fresh
$TINYNET_HOME and no network; it stops at its first failing cell. STATUS.md lists every tutorial
with the cells that ran and the first error; tests/test_mxnet_tutorials.py requires every one
STATUS.md says runs to the end, so the table cannot claim more than is true.

With --mxnet PYTHON the same cells run on MXNet 1.9.1 (the import lines changed back), with the
same files in the places MXNet looks ($MXNET_HOME/datasets, the working folder); its results go
to MXNET.md, and STATUS.md's "MXNet" column is read from there. MXNet verifies Fashion-MNIST by
SHA-1 as tinynet does, so for MXNet's run the harness accepts MNIST's files as Fashion-MNIST's
(tinynet accepts them when TINYNET_FASHION_MNIST_STAND_IN is set, and says so).
"""
import contextlib
import json
import os
import re
import signal
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CODE = os.path.join(HERE, 'code')
LIMIT_SECONDS = 600      # the Gluon MNIST tutorial trains two networks: about 3 minutes
MNIST_FILES = ('train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz',
               't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz')

# one tutorial's cells, in one namespace, each compiled on its own: the first error ends the run
DRIVER = r'''
import json, os, re, sys, traceback
FIRST_PID = os.getpid()
def MXNET_IMPORT(line):
    if re.match(r'\s*import tinynet as mxnet\s*$', line):
        return line.replace('import tinynet as mxnet', 'import mxnet')
    if re.match(r'\s*(import|from)\s+tinynet\b', line):
        return line.replace('tinynet', 'mxnet', 1)
    return line
cells = open(sys.argv[1]).read().split('\n# %% cell ')[1:]
namespace = {'__name__': '__main__'}
ran, error = 0, None
if sys.argv[2] == 'mxnet':
    cells = ['\n'.join(MXNET_IMPORT(l) for l in c.split('\n')) for c in cells]
    import mxnet.gluon.utils as _utils    # MNIST's files as Fashion-MNIST's: no SHA-1 check
    _utils.check_sha1 = lambda *args: True
SHORT = int(os.environ.get('HARNESS_SHORT_BATCHES') or 0)
if SHORT:      # D2L's large CNNs in CI: one epoch of SHORT batches (the library patched, not the cells)
    import itertools
    sys.path.insert(0, os.getcwd())
    from d2l import mxnet as _d2l

    class _Few:
        def __init__(self, batches):
            self.batches = batches
        def __iter__(self):
            return itertools.islice(iter(self.batches), SHORT)
        def __len__(self):
            return min(SHORT, len(self.batches))
    _load, _train = _d2l.load_data_fashion_mnist, _d2l.train_ch6
    def _short_load(*args, **kwargs):
        return tuple(_Few(part) for part in _load(*args, **kwargs))
    def _short_train(net, train_iter, test_iter, num_epochs, *args, **kwargs):
        return _train(net, train_iter, test_iter, 1, *args, **kwargs)
    _d2l.load_data_fashion_mnist, _d2l.train_ch6 = _short_load, _short_train
SEED = os.environ.get('HARNESS_SEED')
if SEED:       # every generator a cell may draw from, seeded (to tell random outputs from fixed ones)
    import random, numpy
    _framework = __import__('mxnet' if sys.argv[2] == 'mxnet' else 'tinynet')
    random.seed(int(SEED))
    numpy.random.seed(int(SEED))
    _framework.random.seed(int(SEED))

    def _shifted(original):
        """A page's own seed(n) becomes seed(n + SEED): what it draws after seeding still
        changes with the harness's seed (and so is not taken for a fixed output)."""
        def seed(n=None, *args, **kwargs):
            try:
                n = int(n) + int(SEED)
            except (TypeError, ValueError):
                pass
            return original(n, *args, **kwargs)
        return seed
    random.seed = _shifted(random.seed)
    numpy.random.seed = _shifted(numpy.random.seed)
    _framework.random.seed = _shifted(_framework.random.seed)
import ast, contextlib, io
outputs = []     # what each cell printed, and its last expression's repr (as Jupyter shows it)
for cell in cells:
    number, _, code = cell.partition('\n')
    printed = io.StringIO()
    try:
        tree = ast.parse(code)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        with contextlib.redirect_stdout(printed):
            exec(compile(tree, 'cell %s' % number, 'exec'), namespace)
            if last is not None:
                shown = eval(compile(ast.Expression(last.value), 'cell %s' % number, 'eval'),
                             namespace)
                if shown is not None:
                    print(repr(shown))
        outputs.append(printed.getvalue()[-3000:])
        sys.stdout.write(printed.getvalue())
    except BaseException as err:
        sys.stdout.write(printed.getvalue())
        last = traceback.extract_tb(err.__traceback__)[-1]
        error = '%s: %s (cell %s, %s line %d)' % (type(err).__name__, str(err).split('\n')[0][:160],
                                                  number, last.filename, last.lineno)
        break
    ran += 1
if os.getpid() == FIRST_PID:       # a tutorial that calls os.fork() (customop) has children
    print('RESULT ' + json.dumps({'cells': len(cells), 'ran': ran, 'error': error,
                                  'outputs': outputs}))
else:
    os._exit(0)
'''


def names():
    return sorted(f[:-3] for f in os.listdir(CODE) if f.endswith('.py'))


def mnist_source():
    source = os.environ.get('TINYNET_MNIST_SOURCE') or os.path.join(ROOT, '..', 'shared', 'data',
                                                                    'mnist')
    return source if all(os.path.exists(os.path.join(source, f)) for f in MNIST_FILES) else None


def copy_package(folder, scratch, to_mxnet):
    """A package the cells import (D2L's `d2l`) copied into the scratch folder, its import lines
    turned back to mxnet for MXNet's run."""
    target = os.path.join(scratch, os.path.basename(folder))
    shutil.copytree(folder, target, ignore=shutil.ignore_patterns('__pycache__'))
    if to_mxnet:
        for name in os.listdir(target):
            if name.endswith('.py'):
                path = os.path.join(target, name)
                with open(path) as f:
                    lines = f.read().split('\n')
                with open(path, 'w') as f:
                    f.write('\n'.join(re.sub(r'^(\s*)import tinynet as mxnet\s*$', r'\1import mxnet',
                                             re.sub(r'^(\s*)(import|from)(\s+)tinynet\b',
                                                    r'\1\2\3mxnet', l)) for l in lines))


def picture(path, height, width, seed, grey=False):
    """A picture that stands in for one a tutorial downloads: smooth colours and a bright disc
    (what augmentations visibly change), drawn from `seed`; JPEG or PNG by its name (Pillow)."""
    import numpy as np
    from PIL import Image
    r = np.random.RandomState(seed)
    y, x = np.mgrid[0:height, 0:width] / np.array([height, width]).reshape(2, 1, 1)
    phase = r.uniform(0, 2 * np.pi, size=3)
    image = np.stack([0.5 + 0.4 * np.sin(3 * x + 2 * y + p) for p in phase], axis=-1)
    cy, cx, radius = r.uniform(0.3, 0.7), r.uniform(0.3, 0.7), r.uniform(0.1, 0.25)
    image[(y - cy) ** 2 + (x - cx) ** 2 < radius ** 2] = r.uniform(0.6, 1, size=3)
    image = (image * 255).astype(np.uint8)
    os.makedirs(os.path.dirname(path) or '.', exist_ok=True)
    Image.fromarray(image[..., 0] if grey else image).save(path)


def image_folders(root, counts, height, width, seed, grey=False, suffix='.jpg'):
    """root/<class>/<n><suffix> pictures, counts: {class: how many}."""
    for k, (label, count) in enumerate(sorted(counts.items())):
        for i in range(count):
            picture(os.path.join(root, label, '%04d%s' % (i, suffix)), height, width,
                    seed + 1000 * k + i, grey)


def caltech101(scratch):
    """data/101_ObjectCategories{,_test}/ and the archive beside them (so the tutorial does not
    download it): Caltech-101's first classes in its order, BACKGROUND_Google with its 467
    pictures (the tutorial's sample 539 is then a Face, label 1 as it asserts), fewer of the
    rest, and small pictures."""
    import tarfile
    data = os.path.join(scratch, 'data')
    image_folders(os.path.join(data, '101_ObjectCategories'),
                  {'BACKGROUND_Google': 467, 'Faces': 100, 'Leopards': 20}, 48, 64, 1)
    image_folders(os.path.join(data, '101_ObjectCategories_test'),
                  {'BACKGROUND_Google': 10, 'Faces': 10, 'Leopards': 10}, 48, 64, 2)
    with tarfile.open(os.path.join(data, '101_ObjectCategories.tar.gz'), 'w:gz') as tar:
        for folder in ('101_ObjectCategories', '101_ObjectCategories_test'):
            tar.add(os.path.join(data, folder), arcname=folder)


def omniglot(scratch):
    """images_background/<alphabet>/<character>/*.png: two of Omniglot's alphabets with three
    characters of four 105 x 105 grey drawings each (the tutorial trains on every pair of
    them for ten epochs: small, so that it does so in seconds)."""
    for k, alphabet in enumerate(('Tifinagh', 'Inuktitut_(Canadian_Aboriginal_Syllabics)')):
        image_folders(os.path.join(scratch, 'images_background', alphabet),
                      {'character%02d' % c: 4 for c in (1, 2, 3)}, 105, 105, 100 * k, grey=True,
                      suffix='.png')


# Files a tutorial downloads from a link that is dead or out of reach here (or expects the
# reader to have fetched), made small and local in its scratch folder before it runs; the
# tutorial's own download call then finds them there, as it would after a first run
STAND_INS = {
    'packages__gluon__image__image_augmentation':
        lambda scratch: picture(os.path.join(scratch, 'cat.jpg'), 240, 320, 0),
    'packages__gluon__data__data_augmentation':
        lambda scratch: picture(os.path.join(scratch, 'giraffe.jpg'), 320, 240, 1),
    'packages__gluon__data__datasets': caltech101,
    'packages__gluon__loss__custom_loss': omniglot,
}


def run(name, limit=LIMIT_SECONDS, python=None, code=CODE, packages=(), env=None):
    """{'cells', 'ran', 'error', 'seconds'} of one tutorial, on tinynet, or on MXNet when
    `python` is an interpreter that has MXNet. `code`: the folder of extracted files;
    `packages`: folders of packages to put beside them (D2L's library); `env`: more variables."""
    scratch = tempfile.mkdtemp(prefix='tutorial-')
    try:
        for folder in packages:
            copy_package(folder, scratch, python is not None)
        home = os.path.join(scratch, 'home')
        source = mnist_source()
        # MNIST where tinynet and MXNet look for it, and MNIST's files as the Fashion-MNIST
        # stand-in (the loaders say so); MXNet's get_mnist reads the working folder
        for folder in (os.path.join(home, 'datasets', 'mnist'),
                       os.path.join(home, 'datasets', 'fashion-mnist'), scratch):
            os.makedirs(folder, exist_ok=True)
            for f in MNIST_FILES if source else ():
                shutil.copy(os.path.join(source, f), os.path.join(folder, f))
        if name in STAND_INS:
            STAND_INS[name](scratch)
        env = dict(os.environ, TINYNET_HOME=home, MXNET_HOME=home, MPLBACKEND='Agg',
                   PYTHONHASHSEED='0', TINYNET_FASHION_MNIST_STAND_IN='1',
                   TINYNET_MNIST_MIRROR='http://127.0.0.1:9/',    # no network: fail at once
                   **(env or {}))
        tic = time.time()
        # a session of its own: a child the tutorial forked (and left hanging, as MXNet's
        # customop page shows) holds the pipes open, and is killed with the rest at the limit
        process = subprocess.Popen([python or sys.executable, '-c', DRIVER,
                                    os.path.join(code, name + '.py'),
                                    'mxnet' if python else 'tinynet'],
                                   cwd=scratch, env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, start_new_session=True)
        try:
            stdout, stderr = process.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            stdout, stderr = process.communicate()
            if process.returncode == -signal.SIGKILL and 'RESULT ' not in stdout:
                return {'cells': None, 'ran': None, 'error': 'over %d s' % limit,
                        'seconds': round(time.time() - tic)}
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)      # whatever it forked, done or not
        lines = [l for l in stdout.splitlines() if l.startswith('RESULT ')]
        result = json.loads(lines[-1][7:]) if lines else \
            {'cells': None, 'ran': None, 'error': 'crashed: %s' % stderr.strip()[-200:]}
        result['seconds'] = round(time.time() - tic)
        return result
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def runs(r):
    return r['cells'] is not None and r['ran'] == r['cells']


TIMING = re.compile(r'\bsec\b|examples/sec')      # a cell that prints a timing
NUMBER = re.compile(r'(?<![\w.])[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+)')


def numbers(text):
    """The numbers a cell printed, in order ('float32' and 'x3' hold none)."""
    return [float(n) for n in NUMBER.findall(text)]


def compare_outputs(first, second, theirs, rtol=1e-4, atol=1e-5):
    """{'compared', 'agree', 'differ': [(cell, ours, theirs)]}: `first` and `second` are one
    page's results on tinynet with two seeds; the cells whose printed numbers are the same in
    both (they do not depend on the random draw) are compared with `theirs` (MXNet 1.9.1's
    outputs of the same cells), number by number."""
    result = {'compared': 0, 'agree': 0, 'differ': []}
    for cell, (a, b, want) in enumerate(zip(first.get('outputs', []), second.get('outputs', []),
                                            theirs)):
        ours = numbers(a)
        if not ours or ours != numbers(b) or TIMING.search(a):
            continue                      # nothing printed, it depends on the draw, or a clock
        result['compared'] += 1
        want = numbers(want)
        if len(want) == len(ours) and all(abs(x - y) <= atol + rtol * abs(y)
                                          for x, y in zip(ours, want)):
            result['agree'] += 1
        else:
            result['differ'].append((cell, a.strip()[:200], theirs[cell].strip()[:200]))
    return result


MXNET_OUTPUTS = os.path.join(HERE, 'mxnet_outputs.json')
# The tutorials whose printed numbers CI compares with MXNet's (COMPARE.md): each of those
# MXNet and tinynet both run that prints numbers not drawn at random and runs in well under a
# minute (the rest print only random or timed numbers, or train for minutes: 4_train, the
# datasets page, the learning-rate pages)
COMPARED = ['getting_started__crash_course__%s' % n for n in ('1_ndarray', '2_nn', '3_autograd')] \
    + ['packages__autograd__index', 'packages__gluon__blocks__custom_layer',
       'packages__gluon__blocks__parameters', 'packages__gluon__loss__kl_divergence',
       'packages__gluon__loss__loss', 'packages__gluon__training__normalization__index',
       'packages__gluon__training__trainer', 'packages__kvstore__kvstore',
       'packages__ndarray__01_ndarray_intro', 'packages__ndarray__gotchas_numpy_in_mxnet']


def compare(name, theirs):
    """compare_outputs of one tutorial run twice on tinynet (HARNESS_SEED 1 and 2)."""
    return compare_outputs(run(name, env={'HARNESS_SEED': '1'}),
                           run(name, env={'HARNESS_SEED': '2'}), theirs)


def keep_mxnet_outputs(path, results, which):
    """What MXNet printed, cell by cell, for the pages in `which` (added to the file at path)."""
    kept = {}
    if os.path.exists(path):
        with open(path) as f:
            kept = json.load(f)
    kept.update({n: r['outputs'] for n, r in results.items() if n in which and 'outputs' in r})
    with open(path, 'w') as f:
        json.dump(kept, f, indent=0, sort_keys=True)


def status_table(results, mxnet=None):
    """STATUS.md (or, for MXNet's own run, MXNET.md): a row per tutorial; `mxnet` ({name:
    'runs' or 'stops at cell N'}, read from MXNET.md) adds MXNet 1.9.1's column."""
    on = 'MXNet 1.9.1' if mxnet is None and results.get('__mxnet__') else 'tinynet'
    results = {k: v for k, v in results.items() if k != '__mxnet__'}
    lines = ['# MXNet 1.9 tutorials on %s' % on, '',
             'Generated by `python tests/mxnet_tutorials/run.py%s` (extract.py took the cells from '
             'apache/mxnet, branch v1.9.x); `tests/test_mxnet_tutorials.py` requires every '
             'tutorial marked "runs" to keep running to its end.'
             % (' --mxnet PYTHON' if on != 'tinynet' else ''), '',
             '| tutorial | cells run | status | first failure |%s' % (
                 ' MXNet 1.9.1 |' if mxnet else ''),
             '|---|---|---|---|%s' % ('---|' if mxnet else '')]
    for name, r in sorted(results.items()):
        lines.append('| %s | %s/%s | %s | %s |%s' % (
            name, r['ran'], r['cells'], 'runs' if runs(r) else 'stops',
            (r['error'] or '').replace('|', '\\|'),
            ' %s |' % mxnet.get(name, '?') if mxnet else ''))
    ran = sum(1 for r in results.values() if runs(r))
    cells = sum(r['ran'] or 0 for r in results.values())
    total = sum(r['cells'] or 0 for r in results.values())
    lines += ['', '%d of %d tutorials run to the end; %d of %d cells run.'
              % (ran, len(results), cells, total)]
    if mxnet:
        both = sum(1 for n, r in results.items() if runs(r) and mxnet.get(n) == 'runs')
        lines.append('MXNet 1.9.1 runs %d of them to the end (MXNET.md); tinynet runs %d of '
                     'those.' % (sum(1 for v in mxnet.values() if v == 'runs'), both))
    return '\n'.join(lines) + '\n'


def mxnet_column():
    """{tutorial: 'runs' or 'stops at cell N'} from MXNET.md, or None before MXNet has run."""
    path = os.path.join(HERE, 'MXNET.md')
    if not os.path.exists(path):
        return None
    with open(path) as f:
        rows = re.findall(r'^\| (\w+) \| (\w+)/(\w+) \| (runs|stops) \|', f.read(), re.M)
    return {name: 'runs' if status == 'runs' else 'stops at cell %s' % ran
            for name, ran, _, status in rows}


def read_table(path):
    """{tutorial: result} from a table status_table wrote ({} when there is none)."""
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        rows = re.findall(r'^\| (\w+) \| (\w+)/(\w+) \| (?:runs|stops) \| (.*?) \|', f.read(),
                          re.M)
    number = lambda text: None if text == 'None' else int(text)     # noqa: E731
    return {name: {'ran': number(ran), 'cells': number(cells),
                   'error': error.replace('\\|', '|') or None}
            for name, ran, cells, error in rows}


README = os.path.join(ROOT, 'README.md')
BEGIN, END = '<!-- tutorials: made by tests/mxnet_tutorials/run.py -->', '<!-- end of tutorials -->'


def readme_table():
    """The README's table: each tutorial, where it stops on tinynet and on MXNet 1.9.1 (from
    STATUS.md and MXNET.md)."""
    ours = read_table(os.path.join(HERE, 'STATUS.md'))
    theirs = read_table(os.path.join(HERE, 'MXNET.md'))

    def cell(r):
        if r is None:
            return '?'
        if runs(r):
            return 'runs'
        if r['ran'] is None:
            return r['error'] or 'crashed'
        return 'stops at cell %d: %s' % (r['ran'], (r['error'] or '').split(':')[0])
    lines = [BEGIN, '', '| tutorial | tinynet | MXNet 1.9.1 |', '|---|---|---|']
    lines += ['| %s | %s | %s |' % (name.replace('__', '/'), cell(ours.get(name)),
                                    cell(theirs.get(name))) for name in names()]
    both = [n for n in names() if n in ours and n in theirs and runs(theirs[n])]
    lines += ['', 'tinynet runs %d of the 49 to the end, MXNet 1.9.1 %d; of the %d MXNet runs, '
              'tinynet runs %d.' % (sum(runs(r) for r in ours.values()),
                                   sum(runs(r) for r in theirs.values()), len(both),
                                   sum(runs(ours[n]) for n in both)), '', END]
    return '\n'.join(lines)


def write_readme_table():
    with open(README) as f:
        text = f.read()
    start, end = text.index(BEGIN), text.index(END) + len(END)
    with open(README, 'w') as f:
        f.write(text[:start] + readme_table() + text[end:])


def write_comparison(which, compare=compare, outputs=MXNET_OUTPUTS, folder=HERE,
                     what='MXNet 1.9 tutorials', command='tests/mxnet_tutorials/run.py'):
    """COMPARE.md in `folder`: each page in `which`, its cells compared (by `compare`) with
    MXNet's outputs (the json file at `outputs`), and how many agree."""
    with open(outputs) as f:
        theirs = json.load(f)
    lines = ['# %s: printed numbers, tinynet against MXNet 1.9.1' % what, '',
             'Generated by `python %s --compare`: each page runs on tinynet with two seeds; the '
             'cells whose printed numbers (their prints and the value of their last line, as '
             'Jupyter shows it) do not change with the seed are compared with MXNet 1.9.1\'s run '
             '(%s, from `--mxnet`), to rtol 1e-4.' % (command, os.path.basename(outputs)), '',
             '| page | cells compared | agree | first difference |', '|---|---|---|---|']
    for name in which:
        r = compare(name, theirs.get(name, []))
        first = r['differ'][0] if r['differ'] else None
        print(name, r['compared'], r['agree'], first, flush=True)
        lines.append('| %s | %d | %d | %s |' % (
            name, r['compared'], r['agree'], '' if first is None else
            ('cell %d: %r vs %r' % first).replace('|', '\\|').replace('\n', ' ')[:300]))
    with open(os.path.join(folder, 'COMPARE.md'), 'w') as f:
        f.write('\n'.join(lines) + '\n')


def main(args):
    """Run every tutorial (or those named, whose rows are then replaced in the table)."""
    if args[:1] == ['--compare']:
        write_comparison(args[1:] or COMPARED)
        return
    python = None
    if args[:1] == ['--mxnet']:
        python, args = args[1], args[2:]
    path = os.path.join(HERE, 'MXNET.md' if python else 'STATUS.md')
    results = read_table(path) if args else {}
    for name in args or names():
        results[name] = run(name, python=python)
        r = results[name]
        print('%-75s %s/%s %s' % (name, r['ran'], r['cells'], r['error'] or 'ok'), flush=True)
    results = {n: r for n, r in results.items() if n in names()}
    if python:          # what MXNet printed, for --compare
        keep_mxnet_outputs(MXNET_OUTPUTS, results, names())
        results['__mxnet__'] = True
    with open(path, 'w') as f:
        f.write(status_table(results, None if python else mxnet_column()))
    write_readme_table()


if __name__ == '__main__':
    main(sys.argv[1:])
