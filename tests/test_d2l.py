"""Dive into Deep Learning's MXNet edition on tinynet (tests/d2l/): the book's library imports,
and every section of chapters 2-7 that STATUS.md says runs must still run to its last cell,
each under run.py's time limit (the large CNNs for one short epoch). Run with `pytest -m slow`
(CI's second step, which installs the `d2l` extra the book's library needs: pandas, matplotlib,
IPython); `python tests/d2l/run.py` remakes STATUS.md."""
import importlib.util
import os
import re
import subprocess
import sys

import pytest

from conftest import require_extra

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location('d2l_run', os.path.join(HERE, 'd2l', 'run.py'))
book = importlib.util.module_from_spec(_spec)        # tests/d2l/run.py (a name of its own:
_spec.loader.exec_module(book)                       # the tutorials' harness is run.py too)


def running():
    with open(os.path.join(HERE, 'd2l', 'STATUS.md')) as f:
        return re.findall(r'^\| ([\w-]+) \| \d+/\d+ \| runs', f.read(), re.M)


def test_the_status_table_lists_every_extracted_section():
    with open(os.path.join(HERE, 'd2l', 'STATUS.md')) as f:
        listed = re.findall(r'^\| ([\w-]+) \| ', f.read(), re.M)
    assert sorted(listed[1:]) == book.names()          # [0]: the header row
    assert len(book.names()) == 39


def test_the_library_is_the_books_with_only_its_imports_changed():
    """d2l/mxnet.py differs from d2l 0.17.6's only where `mxnet` is imported."""
    with open(os.path.join(HERE, 'd2l', 'd2l', 'mxnet.py')) as f:
        ours = f.read().split('\n')
    changed = [line for line in ours if 'tinynet' in line]
    assert changed and all(re.match(r'\s*(from tinynet\b|import tinynet as mxnet)', line)
                           for line in changed)


@pytest.mark.slow
def test_the_books_library_imports_on_tinynet():
    for module, extra in (('pandas', 'd2l'), ('matplotlib', 'd2l'), ('IPython', 'd2l'),
                          ('matplotlib_inline', 'd2l')):
        require_extra(module, extra)
    check = subprocess.run([sys.executable, '-c', 'from d2l import mxnet as d2l; '
                            'print(d2l.try_gpu(), d2l.Timer is not None)'],
                           cwd=os.path.join(HERE, 'd2l'), capture_output=True, text=True,
                           env=dict(os.environ, MPLBACKEND='Agg'), timeout=120)
    assert check.returncode == 0, check.stderr[-2000:]
    assert check.stdout.split() == ['cpu(0)', 'True']


@pytest.mark.slow
@pytest.mark.parametrize('name', running())
def test_a_section_that_ran_still_runs_to_its_end(name, mnist_home):
    """Seeded, so that CI runs the same draw every time: channels' cell 8 asserts that a 1x1
    convolution as a float32 matmul and as a loop of products agree to 1e-6 in sum over 18
    numbers, which holds for MXNet 1.9.1's matmul (its sums round like the loop's, bit for bit)
    but fails for about one draw in ten with NumPy's BLAS as with PyTorch's (fused multiply-adds:
    closer to the exact sum, further from the loop's)."""
    result = book.run(name, env={'HARNESS_SEED': '0'})
    assert result['error'] is None and result['ran'] == result['cells'], result


@pytest.mark.slow
@pytest.mark.parametrize('name', book.COMPARED)
def test_printed_numbers_agree_with_mxnets(name, mnist_home):
    """The section's cells whose numbers do not depend on the random draw print what MXNet
    1.9.1 printed (tests/d2l/mxnet_outputs.json, recorded by `run.py --mxnet`)."""
    import json
    with open(book.MXNET_OUTPUTS) as f:
        theirs = json.load(f)[name]
    result = book.compare(name, theirs)
    assert result['compared'] > 0 and not result['differ'], result
