"""The backend: contexts, list_gpus never raising, and a clear error for mx.gpu() without a GPU."""
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
    assert 'gpu(0)' in message and 'CuPy' in message and 'pip install "tinynet[gpu]"' in message


def test_cpu_arrays_are_numpy():
    import numpy as np
    exe = mx.sym.Activation(mx.sym.var('x'), act_type='relu').simple_bind(mx.cpu(), x=(2, 2))
    assert type(exe.arg_dict['x']) is np.ndarray and backend.get_array_module(exe.arg_dict['x']) is np


def test_only_the_backend_imports_cupy():
    """The one-module rule: no other file of tinynet mentions cupy in an import."""
    import os
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
