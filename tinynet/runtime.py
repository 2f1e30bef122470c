"""mx.runtime: which features this build has, as MXNet's `Features()` reports its compile-time
ones. tinynet has no compiled library: a feature is on when the Python package it needs is
importable and works (CUDA: CuPy with a GPU; DIST_KVSTORE: mpi4py), or when it is part of
tinynet's pure-Python scope (SIGNAL_HANDLER no, INT64_TENSOR_SIZE yes: NumPy indexes with int64).

    features = mx.runtime.Features()
    features.is_enabled('CUDA')     # False on a machine without CuPy and a GPU
"""
import collections
import importlib.util

from .backend import list_gpus

# MXNet 1.9.1's feature names, in its order
FEATURE_NAMES = ('CUDA', 'CUDNN', 'NCCL', 'CUDA_RTC', 'TENSORRT', 'CPU_SSE', 'CPU_SSE2',
                 'CPU_SSE3', 'CPU_SSE4_1', 'CPU_SSE4_2', 'CPU_SSE4A', 'CPU_AVX', 'CPU_AVX2',
                 'OPENMP', 'SSE', 'F16C', 'JEMALLOC', 'BLAS_OPEN', 'BLAS_ATLAS', 'BLAS_MKL',
                 'BLAS_APPLE', 'LAPACK', 'MKLDNN', 'OPENCV', 'CAFFE', 'PROFILER', 'DIST_KVSTORE',
                 'CXX14', 'INT64_TENSOR_SIZE', 'SIGNAL_HANDLER', 'DEBUG', 'TVM_OP')


class Feature(collections.namedtuple('Feature', ['name', 'enabled'])):
    """One feature: its `name` and whether it is `enabled`."""

    def __repr__(self):
        return '%s %s' % ('\u2714' if self.enabled else '\u2716', self.name)


def _enabled():
    gpus = bool(list_gpus())
    return {'CUDA': gpus, 'DIST_KVSTORE': importlib.util.find_spec('mpi4py') is not None,
            'INT64_TENSOR_SIZE': True, 'LAPACK': True}


def feature_list():
    """[Feature] for every name MXNet 1.9.1 reports."""
    enabled = _enabled()
    return [Feature(name, enabled.get(name, False)) for name in FEATURE_NAMES]


class Features(collections.OrderedDict):
    """{name: Feature}, MXNet's; `is_enabled(name)` answers for one (an unknown name raises
    RuntimeError listing the known ones, as MXNet's)."""

    def __init__(self):
        super().__init__((f.name, f) for f in feature_list())

    def __repr__(self):
        return str(list(self.values()))

    def is_enabled(self, feature_name):
        """Whether `feature_name` (any case) is enabled."""
        name = feature_name.upper()
        if name not in self:
            raise RuntimeError("Feature '%s' is unknown, known features are: %s"
                               % (name, list(self.keys())))
        return self[name].enabled
