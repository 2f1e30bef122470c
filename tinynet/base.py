"""mx.base: the error MXNet raises, for code that catches it.

MXNet raises MXNetError (a RuntimeError) where an op's arguments or shapes do not fit; Python code
expects ValueError there. tinynet's ops raise InvalidArgumentError, which is both, so
`except mx.base.MXNetError` (MXNet's tests and tutorials) and `except ValueError` both catch it.
"""


class MXNetError(RuntimeError):
    """The error MXNet raises for a failed operation (mx.base.MXNetError)."""


class InvalidArgumentError(MXNetError, ValueError):
    """An op's attribute, input shape or dtype that does not fit: a ValueError and an MXNetError."""
