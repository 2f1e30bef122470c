"""MXNet 1.9's own tutorials on tinynet (tests/mxnet_tutorials/): every tutorial that
STATUS.md says runs must still run to its last cell, each under run.py's time limit. Run with
`pytest -m slow` (CI's second step); `python tests/mxnet_tutorials/run.py` remakes STATUS.md."""
import os
import re
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, 'mxnet_tutorials'))
import run as tutorials  # noqa: E402


# the Gluon MNIST tutorial is examples/gluon_tutorial.py, which tests/test_tutorial.py already
# runs (with MXNet's accuracies asserted): not twice in one CI run
ELSEWHERE = {'packages__gluon__image__mnist'}


def running():
    with open(os.path.join(HERE, 'mxnet_tutorials', 'STATUS.md')) as f:
        return re.findall(r'^\| (\w+) \| \d+/\d+ \| runs \|', f.read(), re.M)


def test_the_status_table_lists_every_extracted_tutorial():
    with open(os.path.join(HERE, 'mxnet_tutorials', 'STATUS.md')) as f:
        listed = re.findall(r'^\| (\w+) \| ', f.read(), re.M)
    assert sorted(listed[1:]) == tutorials.names()       # [0]: the header row
    assert len(running()) >= 28


def test_the_readme_table_is_the_one_run_py_makes_from_status_and_mxnet_md():
    with open(tutorials.README) as f:
        text = f.read()
    assert tutorials.readme_table() in text, 'run `python tests/mxnet_tutorials/run.py NAME`, ' \
        'or write_readme_table(), after changing STATUS.md or MXNET.md'


@pytest.mark.slow
@pytest.mark.parametrize('name', [n for n in running() if n not in ELSEWHERE])
def test_a_tutorial_that_ran_still_runs_to_its_end(name, mnist_home):
    """Seeded, as tests/test_d2l.py's sections are: CI runs the same draw every time."""
    result = tutorials.run(name, env={'HARNESS_SEED': '0'})
    assert result['error'] is None and result['ran'] == result['cells'], result


@pytest.mark.slow
@pytest.mark.parametrize('name', tutorials.COMPARED)
def test_printed_numbers_agree_with_mxnets(name, mnist_home):
    """The tutorial's cells whose numbers do not depend on the random draw print what MXNet
    1.9.1 printed (tests/mxnet_tutorials/mxnet_outputs.json, recorded by `run.py --mxnet`)."""
    import json
    with open(tutorials.MXNET_OUTPUTS) as f:
        theirs = json.load(f)[name]
    result = tutorials.compare(name, theirs)
    assert result['compared'] > 0 and not result['differ'], result
