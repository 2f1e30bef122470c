"""mx.nd.contrib: the elementwise tests isnan, isinf and isfinite (1 where true, 0 elsewhere,
in the array's dtype), written with the op table's comparisons; ctc_loss / CTCLoss, the op
table's CTCLoss under the names MXNet 1.x had for it in contrib."""
import numpy as np

from .register import FUNCTIONS as _FUNCTIONS

ctc_loss = CTCLoss = _FUNCTIONS['CTCLoss']


def isnan(data):
    """1 where data is NaN (the only value not equal to itself)."""
    return data != data


def isinf(data):
    """1 where data is +inf or -inf (beyond the dtype's largest finite number)."""
    return abs(data) > float(np.finfo(data.dtype).max)


def isfinite(data):
    """1 where data is neither NaN nor infinite."""
    return (data == data) * (abs(data) <= float(np.finfo(data.dtype).max))
