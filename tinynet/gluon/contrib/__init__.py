"""gluon.contrib: MXNet's Gluon extras that tinynet has: the Estimator (fit API) and the
contrib layers (Concurrent, HybridConcurrent, Identity)."""
from . import estimator, nn  # noqa: F401
