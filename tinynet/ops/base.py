"""What every op shares: attribute parsing with MXNet's spelling, and the `Op` base class.

An op is built from attributes that may come from Python (`kernel=(5, 5)`) or from a saved symbol's
JSON, where MXNet writes every attribute as a string (`"kernel": "(5, 5)"`); the parsers accept both.
"""
import ast
import math
import numbers
import operator


def parse_tuple(layer, arg, value, length, allow_empty=False):
    """`(5, 5)`, `[5, 5]`, `5`, `"(5, 5)"` or `"5"` -> a tuple of `length` positive ints."""
    original = value
    if isinstance(value, str):
        try:
            value = ast.literal_eval(value.strip()) if value.strip() else ()
        except (ValueError, SyntaxError):
            raise ValueError('%s: argument %r must be a tuple of %d ints, got %r'
                             % (layer, arg, length, original)) from None
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        value = (value,) * length
    try:
        value = tuple(_whole(v) for v in value)
    except (TypeError, ValueError):
        raise ValueError('%s: argument %r must be a tuple of %d ints, got %r'
                         % (layer, arg, length, original)) from None
    if allow_empty and value == ():
        return value
    if len(value) != length:
        raise ValueError('%s: argument %r must have %d numbers (height, width), got %r; only 2-D '
                         'inputs (N, C, H, W) are supported' % (layer, arg, length, original))
    return value


def parse_bool(layer, arg, value):
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in ('true', '1'):
            return True
        if lowered in ('false', '0'):
            return False
        raise ValueError('%s: argument %r must be True or False, got %r' % (layer, arg, value))
    return bool(value)


def _whole(value):
    """An int from an int, or from a float or string that holds a whole number; else ValueError
    (2.7 or True is not a size)."""
    if isinstance(value, bool):
        raise ValueError('a bool is not a whole number')
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real) and math.isfinite(value) and float(value).is_integer():
        return int(value)
    raise ValueError('not a whole number: %r' % (value,))


def parse_number(layer, arg, value, kind=float, minimum=None):
    """A number (int when kind is int: a whole number, never a truncated 2.7), finite, >= minimum.
    Accepts MXNet's JSON spelling too ("5")."""
    try:
        parsed = ast.literal_eval(value.strip()) if isinstance(value, str) else value
        if isinstance(parsed, bool) or not isinstance(parsed, numbers.Real):
            raise ValueError
        number = _whole(parsed) if kind is int else float(parsed)
        if not math.isfinite(number):
            raise ValueError
    except (TypeError, ValueError, SyntaxError):
        what = 'a whole number' if kind is int else 'a finite number'
        raise ValueError('%s: argument %r must be %s, got %r' % (layer, arg, what, value)) from None
    if minimum is not None and number < minimum:
        raise ValueError('%s: argument %r must be >= %s, got %r' % (layer, arg, minimum, value))
    return number


def parse_choice(layer, arg, value, choices):
    if value not in choices:
        raise ValueError('%s: argument %r must be one of %s, got %r'
                         % (layer, arg, ', '.join(repr(c) for c in choices), value))
    return value


def parse_ints(layer, arg, value, allow_none=False):
    """An int or a sequence of ints as a tuple, also as symbol JSON writes them ('(0, -1)', '2');
    with allow_none, None (or 'None', or an empty tuple) is None."""
    if isinstance(value, str):
        try:
            value = ast.literal_eval(value.strip()) if value.strip() else None
        except (ValueError, SyntaxError):
            raise ValueError('%s: argument %r must be an int or a tuple of ints, got %r'
                             % (layer, arg, value)) from None
    if value is None or value == ():
        if allow_none:
            return None
        raise ValueError('%s: argument %r is required' % (layer, arg))
    try:
        return (operator.index(value),) if not isinstance(value, (tuple, list)) else \
            tuple(operator.index(v) for v in value)
    except TypeError:
        raise ValueError('%s: argument %r must be an int or a tuple of ints, got %r'
                         % (layer, arg, value)) from None


def attr_to_string(value):
    """How MXNet writes an attribute into symbol JSON: `(5, 5)`, `True`, `0.5`, `relu`."""
    if isinstance(value, (list, tuple)):
        return '(%s)' % ', '.join(str(v) for v in value) if len(value) != 1 else '(%s,)' % value[0]
    return str(value)


class Op:
    """Base of every op. A subclass sets `arguments` (its input names, data first) and defines
    `infer_shape`, `forward` and `backward`. An op keeps only its attributes: the arrays that backward
    needs travel in `saved`, so one op object can serve any number of forward passes."""
    arguments = ('data',)
    aux_arguments = ()  # the inputs that are auxiliary states (BatchNorm's moving statistics)
    is_loss = False     # a loss op's backward ignores the head gradient; see `loss()`

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "%s '%s'" % (type(self).__name__, self.name)

    def list_arguments(self):
        return list(self.arguments)

    def check_shape(self, arg, given, expected, data_shape):
        """Raise the error every shape mismatch gets: layer, argument, both shapes."""
        if given is not None and tuple(given) != tuple(expected):
            raise ValueError('%s: argument %r has shape %s, but the layer needs %s for data of shape '
                             '%s' % (self, arg, tuple(given), tuple(expected), tuple(data_shape)))

    def need_data_shape(self, in_shapes, ndim=None, what=''):
        data = in_shapes[0]
        if data is not None and ndim is not None and len(data) != ndim:
            raise ValueError('%s: argument \'data\' must be %d-D %s, got shape %s'
                             % (self, ndim, what, tuple(data)))
        return data

