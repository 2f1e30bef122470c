"""MXNet's autograd API: record what `mx.nd` computes, then differentiate it.

    x = mx.nd.array([[1, 2], [3, 4]])
    x.attach_grad()                        # x is a leaf whose gradient we want
    with mx.autograd.record():             # ops on x are written down on the tape ...
        y = (x * x).sum()
    y.backward()                           # ... and walked back: x.grad is 2x

`record()` turns the tape on (and training behaviour, unless train_mode=False); `pause()` turns it
off inside a record block; `train_mode()` and `predict_mode()` switch only the behaviour of ops that
differ between training and prediction (Dropout, BatchNorm). The engine itself, the tape and the
backward walk, is `tinynet/engine.py`; this module is the switches and the calls on NDArrays.
"""
import contextlib

from . import engine
from .engine import is_recording, is_training, set_recording, set_training  # noqa: F401 (API)
from .ndarray.ndarray import backward, grad, mark_variables, tape  # noqa: F401 (API)


@contextlib.contextmanager
def _scope(recording, training):
    """Set the recording and training switches (None leaves one as it is), and restore them."""
    old_recording = set_recording(recording) if recording is not None else None
    old_training = set_training(training) if training is not None else None
    try:
        yield
    finally:
        if recording is not None:
            set_recording(old_recording)
        if training is not None:
            set_training(old_training)


def record(train_mode=True):
    """A `with` block whose NDArray ops are recorded for backward; ops behave as in training unless
    train_mode=False."""
    return _scope(True, train_mode)


def pause(train_mode=False):
    """A `with` block, inside record(), whose ops are not recorded (and behave as in prediction,
    unless train_mode=True)."""
    return _scope(False, train_mode)


def train_mode():
    """A `with` block in which ops behave as in training; recording is left as it is."""
    return _scope(None, True)


def predict_mode():
    """A `with` block in which ops behave as in prediction; recording is left as it is."""
    return _scope(None, False)


__all__ = ['record', 'pause', 'train_mode', 'predict_mode', 'is_recording', 'is_training',
           'set_recording', 'set_training', 'backward', 'grad', 'mark_variables', 'tape', 'engine']
