"""dist_sync across processes: two MPI workers (mpiexec -n 2, from the `dist` extra) each training
on their part of the data hold, after k steps, the parameters one process gets on the combined
batches, for Module and for Gluon; a worker that dies ends the job instead of leaving the others
waiting."""
import os
import re
import shutil
import subprocess
import sys
import time

import pytest

from conftest import require_extra

require_extra('mpi4py', 'dist')
HERE = os.path.dirname(os.path.abspath(__file__))
MPIEXEC = shutil.which('mpiexec', path=os.path.dirname(sys.executable) + os.pathsep +
                       os.environ.get('PATH', ''))


def run_workers(kind, timeout=120):
    if MPIEXEC is None:
        pytest.fail('mpi4py is installed but mpiexec is not on the PATH (pip install mpich)')
    env = dict(os.environ, OMP_NUM_THREADS='1', OPENBLAS_NUM_THREADS='1')
    return subprocess.run([MPIEXEC, '-n', '2', sys.executable, os.path.join(HERE, 'dist_worker.py'),
                           kind], capture_output=True, text=True, timeout=timeout, env=env)


@pytest.mark.parametrize('kind', ['module', 'gluon'])
def test_two_workers_train_as_one_process_on_the_combined_batch(kind):
    result = run_workers(kind)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-3000:]
    found = re.search(r'workers 2 %s max difference (\S+)' % kind, log)
    assert found, log[-3000:]
    assert float(found.group(1)) < 1e-5, log[-3000:]


def test_a_worker_that_dies_stops_the_job_in_bounded_time():
    tic = time.monotonic()
    result = run_workers('die', timeout=60)
    assert result.returncode != 0
    assert time.monotonic() - tic < 60


def test_dist_sync_without_mpi_names_the_extra(monkeypatch):
    import tinynet as mx
    monkeypatch.setitem(sys.modules, 'mpi4py', None)
    with pytest.raises(ImportError, match='pip install -e ".\\[dist\\]"'):
        mx.kv.create('dist_sync')
