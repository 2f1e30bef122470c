import json
import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

import tinynet as mx

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'examples'))     # the tutorial's networks: mnist_lenet
sys.path.insert(0, HERE)                                       # fake_cupy
SHARED_MNIST = os.environ.get('TINYNET_MNIST_SOURCE') or os.path.join(
    HERE, '..', '..', 'shared', 'data', 'mnist')


if os.environ.get('TINYNET_FAKE_CUPY'):
    # tests/fake_cupy.py in cupy's place (see that file): mx.gpu(0) and mx.gpu(1) compute in NumPy
    # under CuPy's rules, so the GPU half of the suite runs on any machine. Only tests do this.
    import fake_cupy
    from tinynet import backend as _backend
    _backend._cupy, _backend._cupy_error = fake_cupy, None


def _backends():
    params = [pytest.param('cpu', id='numpy')]
    gpu_marks = [] if mx.test_utils.list_gpus() else [
        pytest.mark.skip(reason='CuPy or a CUDA GPU is not available')]
    params.append(pytest.param('gpu', id='cupy', marks=gpu_marks))
    return params


@pytest.fixture(params=_backends())
def ctx(request):
    """Each test that takes `ctx` runs once on NumPy and once on CuPy (skipped without a GPU)."""
    return mx.cpu() if request.param == 'cpu' else mx.gpu()


@pytest.fixture
def rng():
    return np.random.default_rng(20261124)


def require_extra(module, extra):
    """Import `module` for tests of an optional extra: skip without it on a developer machine,
    but fail when $TINYNET_REQUIRE_EXTRAS names the extra (CI sets it for what it installs), so
    that a broken install can never pass as a skip."""
    required = os.environ.get('TINYNET_REQUIRE_EXTRAS', '').replace(',', ' ').split()
    try:
        return __import__(module)
    except ImportError:
        if extra in required:
            pytest.fail('%s is not importable, but TINYNET_REQUIRE_EXTRAS names the %r extra'
                        % (module, extra), pytrace=False)
        pytest.skip('%s is not installed (pip install -e ".[%s]")' % (module, extra),
                    allow_module_level=True)


def mxnet_python():
    """$TINYNET_MXNET_PYTHON, an interpreter with MXNet 1.9.1 for the side-by-side tests: skip
    without it, but fail when $TINYNET_REQUIRE_EXTRAS names mxnet (CI sets it)."""
    python = os.environ.get('TINYNET_MXNET_PYTHON')
    if python and os.path.exists(python):
        return python
    if 'mxnet' in os.environ.get('TINYNET_REQUIRE_EXTRAS', '').replace(',', ' ').split():
        pytest.fail('TINYNET_REQUIRE_EXTRAS names mxnet, but TINYNET_MXNET_PYTHON (%r) is not an '
                    'interpreter' % python, pytrace=False)
    pytest.skip('set TINYNET_MXNET_PYTHON to an interpreter with MXNet 1.9.1',
                allow_module_level=True)


def side_by_side(script, timeout=120):
    """[MXNet 1.9.1's answer, tinynet's] of a side-by-side script: `python -c script mxnet` in
    TINYNET_MXNET_PYTHON's interpreter, then `... tinynet` in this one, each the JSON its last
    line prints."""
    answers = []
    for python, which in ((mxnet_python(), 'mxnet'), (sys.executable, 'tinynet')):
        run = subprocess.run([python, '-c', script, which], capture_output=True, text=True,
                             timeout=timeout)
        assert run.returncode == 0, run.stderr[-2000:]
        answers.append(json.loads(run.stdout.strip().splitlines()[-1]))
    return answers


def assert_agrees(mine, theirs, key, rel=1e-4, abs=1e-5):
    """Two JSON answers of a side-by-side script agree: numbers to rel/abs, the rest exactly,
    recursively through lists and dicts; `key` names the entry in the message."""
    if isinstance(theirs, float):
        assert mine == pytest.approx(theirs, rel=rel, abs=abs), key
    elif isinstance(theirs, list):
        assert isinstance(mine, list) and len(mine) == len(theirs), key
        for a, b in zip(mine, theirs):
            assert_agrees(a, b, key, rel, abs)
    elif isinstance(theirs, dict):
        assert sorted(mine) == sorted(theirs), key
        for k in theirs:
            assert_agrees(mine[k], theirs[k], key + ' ' + k, rel, abs)
    else:
        assert mine == theirs, key


def mnist_candidates():
    """Where the MNIST files may be: $TINYNET_MNIST_SOURCE, ../shared/data/mnist beside the
    repository, and the user's own cache ($TINYNET_HOME/datasets/mnist, by default
    ~/.tinynet/datasets/mnist, where the README's "MNIST offline" section puts them)."""
    return [SHARED_MNIST, mx.datasets.mnist.mnist_dir()]


def mnist_source():
    """The first folder of mnist_candidates() with the four canonical MNIST files, or None."""
    for folder in mnist_candidates():
        if os.path.isdir(folder) and all(os.path.exists(os.path.join(folder, name))
                                         for name in mx.datasets.mnist.FILES):
            return folder
    return None


def seed_home(home):
    """Copy the MNIST files into `home`/datasets/mnist (skip, or fail in CI, when there are none)."""
    source = mnist_source()
    if source is None:
        where = ' or '.join(mnist_candidates())
        if os.environ.get('TINYNET_REQUIRE_MNIST'):
            pytest.fail('MNIST files not found in %s (TINYNET_REQUIRE_MNIST is set)' % where)
        pytest.skip('MNIST files not found in %s: put the four files in one of them, or set '
                    'TINYNET_MNIST_SOURCE (or TINYNET_HOME) to a folder that has them' % where)
    folder = home / 'datasets' / 'mnist'
    folder.mkdir(parents=True)
    for name in mx.datasets.mnist.FILES:
        shutil.copy(os.path.join(source, name), folder / name)
    return home


@pytest.fixture
def mnist_home(tmp_path, monkeypatch):
    """A temporary TINYNET_HOME seeded with the MNIST files, and no mirror to download from."""
    seed_home(tmp_path / 'home')
    monkeypatch.setenv('TINYNET_HOME', str(tmp_path / 'home'))
    monkeypatch.delenv('TINYNET_MNIST_MIRROR', raising=False)
    monkeypatch.setattr(mx.datasets.mnist, 'MIRRORS', [])
    return tmp_path / 'home'
