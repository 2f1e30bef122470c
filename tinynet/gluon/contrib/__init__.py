"""gluon.contrib: MXNet's Gluon extras that tinynet has: the Estimator (fit API), the contrib
layers (Concurrent, HybridConcurrent, Identity, PixelShuffle1D/2D/3D, SyncBatchNorm on one
device) and data.IntervalSampler."""
from . import data, estimator, nn  # noqa: F401
