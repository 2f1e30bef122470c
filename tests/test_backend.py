"""The backend: contexts, list_gpus never raising, and a clear error for mx.gpu() without a GPU."""
import os
import platform
import subprocess
import sys

import pytest

import tinynet as mx
from tinynet import backend


def test_context_reprs_and_equality():
    assert repr(mx.cpu()) == 'cpu(0)' and repr(mx.gpu()) == 'gpu(0)' and repr(mx.gpu(2)) == 'gpu(2)'
    assert mx.cpu() == mx.Context('cpu', 0) and mx.cpu() != mx.gpu() and len({mx.cpu(), mx.cpu(0)}) == 1
    with pytest.raises(ValueError, match="'cpu' or 'gpu'"):
        mx.Context('tpu')


def test_list_gpus_is_empty_without_cupy(monkeypatch):
    monkeypatch.setattr(backend, '_import_cupy', lambda: None)
    assert mx.test_utils.list_gpus() == []


def test_list_gpus_is_empty_when_cuda_fails(monkeypatch):
    class BrokenRuntime:
        @staticmethod
        def getDeviceCount():
            raise RuntimeError('cudaErrorNoDevice')

    class FakeCupy:
        class cuda:
            runtime = BrokenRuntime
    monkeypatch.setattr(backend, '_import_cupy', lambda: FakeCupy)
    assert backend.list_gpus() == []


def test_gpu_without_cupy_is_one_clear_error(monkeypatch):
    monkeypatch.setattr(backend, '_import_cupy', lambda: None)
    monkeypatch.setattr(backend, '_cupy_error', ImportError("No module named 'cupy'"))
    with pytest.raises(RuntimeError) as err:
        mx.sym.var('x').simple_bind(mx.gpu(), x=(2, 3))
    message = str(err.value)
    assert 'gpu(0)' in message and 'CuPy' in message and 'pip install -e ".[gpu]"' in message


def test_cpu_arrays_are_numpy():
    import numpy as np
    exe = mx.sym.Activation(mx.sym.var('x'), act_type='relu').simple_bind(mx.cpu(), x=(2, 2))
    assert type(exe.array('x')) is np.ndarray and backend.get_array_module(exe.array('x')) is np
    assert isinstance(exe.arg_dict['x'], mx.nd.NDArray)           # MXNet's: an NDArray over it


def test_only_the_backend_imports_cupy():
    """The one-module rule: no other file of tinynet mentions cupy in an import."""
    import re
    root = os.path.dirname(mx.__file__)
    offenders = []
    for folder, _, files in os.walk(root):
        for name in files:
            if name.endswith('.py') and name != 'backend.py':
                text = open(os.path.join(folder, name)).read()
                if re.search(r'^\s*(import|from)\s+cupy', text, re.M):
                    offenders.append(name)
    assert offenders == []


GLIBC = platform.system() == 'Linux' and platform.libc_ver()[0] == 'glibc'

# Allocate and free 30 MB in 10 MB blocks, 20 times, as a training step does with its temporaries;
# report the page faults of the last 19 rounds (the first one faults whatever the setting).
ALLOCATION_ROUNDS = '''
import resource, sys, numpy as np, tinynet as mx
print(mx.cpu().xp is np and mx.backend.keep_freed_host_memory())
faults = 0
for round in range(20):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    blocks = [np.ones(10 << 18, dtype=np.float32) for _ in range(3)]
    del blocks
    faults += (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) if round else 0
print(faults)
'''


def allocation_rounds(keep):
    env = dict(os.environ, TINYNET_KEEP_FREED_MEMORY=keep)
    out = subprocess.run([sys.executable, '-c', ALLOCATION_ROUNDS], env=env, check=True,
                         capture_output=True, text=True).stdout.split()
    return out[0] == 'True', int(out[1])


@pytest.mark.skipif(not GLIBC, reason='keep_freed_host_memory acts on glibc malloc only')
def test_freed_host_memory_is_reused_instead_of_faulted_in_again():
    """The executor's malloc setting (backend.keep_freed_host_memory) must take effect: memory a
    training step frees comes back without page faults. TINYNET_KEEP_FREED_MEMORY=0 turns it off."""
    kept, faults_kept = allocation_rounds('1')
    not_kept, faults_default = allocation_rounds('0')
    assert kept and not not_kept
    pages = 19 * 30 * 2 ** 20 // 4096
    # glibc's default hands part of it back to the OS each round, to be zero-filled again (~13% of
    # the pages on our machine); kept, nothing comes back by page fault
    assert faults_default > pages // 20, (faults_default, pages)
    assert faults_kept < pages // 100, (faults_kept, pages)


def test_keeping_freed_memory_answers_the_same_twice():
    assert backend.keep_freed_host_memory() == backend.keep_freed_host_memory() in (True, False)


def test_mx_context_picks_a_device_as_mxnets_tutorials_do():
    ctx = mx.gpu() if mx.context.num_gpus() > 0 else mx.cpu()
    assert ctx == (mx.gpu() if mx.test_utils.list_gpus() else mx.cpu())
    assert mx.context.current_context() == mx.cpu() and mx.context.Context is mx.Context
