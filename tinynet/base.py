"""mx.base: the error MXNet raises, for code that catches it.

MXNet raises MXNetError (a RuntimeError) where an op's arguments or shapes do not fit; Python code
expects ValueError there. tinynet's ops raise InvalidArgumentError, which is both, so
`except mx.base.MXNetError` (MXNet's tests and tutorials) and `except ValueError` both catch it.
"""
import numpy as np


class MXNetError(RuntimeError):
    """The error MXNet raises for a failed operation (mx.base.MXNetError)."""


class InvalidArgumentError(MXNetError, ValueError):
    """An op's attribute, input shape or dtype that does not fit: a ValueError and an MXNetError."""


class NotImplementedForSymbol(MXNetError):
    """A function that exists for NDArrays only, called on a Symbol (MXNet's; its arguments:
    the function, the op name it stands for or None, and the arguments given)."""

    def __init__(self, function, alias, *args):
        super().__init__()
        self.function = getattr(function, '__name__', str(function))
        self.alias = alias
        self.args = [str(type(a)) for a in args]

    def __str__(self):
        message = 'Function %s' % self.function
        if self.alias:
            message += ' (namely operator "%s")' % self.alias
        if self.args:
            message += ' with arguments (%s)' % ', '.join(self.args)
        return message + ' is not implemented for Symbol and only available in NDArray.'


def py_str(data):
    """Bytes from the C library as str (MXNet's helper; tinynet has no C library, so a str is
    returned as it is)."""
    return data.decode('utf-8') if isinstance(data, bytes) else data


# MXNet's type tuples for isinstance checks
integer_types = (int, np.int32, np.int64)
numeric_types = (float, int, np.generic)
string_types = (str,)


def _as_list(obj):
    """`obj` if it is a list or tuple, else [obj] (MXNet's helper)."""
    return obj if isinstance(obj, (list, tuple)) else [obj]
