"""gluon.contrib.estimator: MXNet's fit API (Estimator, its event handlers, BatchProcessor)."""
from . import event_handler, batch_processor  # noqa: F401
from .estimator import Estimator  # noqa: F401
from .event_handler import (TrainBegin, TrainEnd, EpochBegin, EpochEnd, BatchBegin,  # noqa: F401
                            BatchEnd, StoppingHandler, MetricHandler, ValidationHandler,
                            LoggingHandler, CheckpointHandler, EarlyStoppingHandler,
                            GradientUpdateHandler)
from .batch_processor import BatchProcessor  # noqa: F401
