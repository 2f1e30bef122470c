"""An op's attributes: `Attr`, one row of the table each op declares, as MXNet's parameter
structs do (name, kind, default, range, meaning), and the parsers behind it.

Attributes may come from Python (`kernel=(5, 5)`) or from a saved symbol's JSON, where MXNet writes
every attribute as a string (`"kernel": "(5, 5)"`); the parsers accept both. The same table gives
mx.nd and mx.sym functions their signatures and docstrings (ops/registry.py).
"""
import ast
import math
import numbers
import operator

import numpy as np

from ..base import InvalidArgumentError



def parse_tuple(layer, arg, value, length, allow_empty=False):
    """`(5, 5)`, `[5, 5]`, `5`, `"(5, 5)"` or `"5"` -> a tuple of `length` positive ints."""
    original = value
    if isinstance(value, str):
        try:
            value = ast.literal_eval(value.strip()) if value.strip() else ()
        except (ValueError, SyntaxError):
            raise InvalidArgumentError('%s: argument %r must be a tuple of %d ints, got %r'
                             % (layer, arg, length, original)) from None
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        value = (value,) * length
    try:
        value = tuple(_whole(v) for v in value)
    except (TypeError, ValueError):
        raise InvalidArgumentError('%s: argument %r must be a tuple of %d ints, got %r'
                         % (layer, arg, length, original)) from None
    if allow_empty and value == ():
        return value
    if len(value) == 1 and length == 2:
        return value                # a 1-D window (width,): the op runs it as (1, width)
    if len(value) != length:
        raise InvalidArgumentError('%s: argument %r must have 2 numbers (height, width) or 1 '
                                   '(width,), got %r; 3-D windows are not supported'
                                   % (layer, arg, original))
    return value


def parse_bool(layer, arg, value):
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in ('true', '1'):
            return True
        if lowered in ('false', '0'):
            return False
        raise InvalidArgumentError('%s: argument %r must be True or False, got %r' % (layer, arg, value))
    return bool(value)


def _whole(value):
    """An int from an int, or from a float or string that holds a whole number; else ValueError
    (2.7 or True is not a size)."""
    if isinstance(value, bool):
        raise InvalidArgumentError('a bool is not a whole number')
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real) and math.isfinite(value) and float(value).is_integer():
        return int(value)
    raise InvalidArgumentError('not a whole number: %r' % (value,))


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
        raise InvalidArgumentError('%s: argument %r must be %s, got %r' % (layer, arg, what, value)) from None
    if minimum is not None and number < minimum:
        raise InvalidArgumentError('%s: argument %r must be >= %s, got %r' % (layer, arg, minimum, value))
    return number


def parse_choice(layer, arg, value, choices):
    if value not in choices:
        raise InvalidArgumentError('%s: argument %r must be one of %s, got %r'
                         % (layer, arg, ', '.join(repr(c) for c in choices), value))
    return value


def parse_ints(layer, arg, value, allow_none=False):
    """An int or a sequence of ints as a tuple, also as symbol JSON writes them ('(0, -1)', '2');
    with allow_none, None (or 'None', or an empty tuple) is None."""
    if isinstance(value, str):
        try:
            value = ast.literal_eval(value.strip()) if value.strip() else None
        except (ValueError, SyntaxError):
            raise InvalidArgumentError('%s: argument %r must be an int or a tuple of ints, got %r'
                             % (layer, arg, value)) from None
    if value is None or value == ():
        if allow_none:
            return None
        raise InvalidArgumentError('%s: argument %r is required' % (layer, arg))
    try:
        return (operator.index(value),) if not isinstance(value, (tuple, list)) else \
            tuple(operator.index(v) for v in value)
    except TypeError:
        raise InvalidArgumentError('%s: argument %r must be an int or a tuple of ints, got %r'
                         % (layer, arg, value)) from None


def attr_to_string(value):
    """How MXNet writes an attribute into symbol JSON: `(5, 5)`, `True`, `0.5`, `relu`."""
    if isinstance(value, (list, tuple)):
        return '(%s)' % ', '.join(str(v) for v in value) if len(value) != 1 else '(%s,)' % value[0]
    return str(value)


class _Required:
    def __repr__(self):
        return '<required>'


REQUIRED = _Required()     # the default of an attribute that has none: it must be given


class Attr:
    """One attribute of an op, as MXNet declares it in its parameter struct.

    kind: 'int', 'float' (finite; `minimum` bounds both), 'bool', 'choice' (one of `choices`),
    'pair' (2 ints: `(5, 5)` or `5`; `()` means the default), 'ints' (an int or a tuple of ints;
    None allowed when the default is None), 'dtype', 'any' (kept as given).
    `ignored`: what the attribute does in MXNet, for one accepted tinynet leaves alone: a value other
    than the default logs a warning once (util.warn_ignored).
    """
    __slots__ = ('name', 'kind', 'default', 'doc', 'minimum', 'choices', 'ignored')

    def __init__(self, name, kind, default=REQUIRED, doc='', minimum=None, choices=None,
                 ignored=None):
        self.name, self.kind, self.default, self.doc = name, kind, default, doc
        self.minimum, self.choices, self.ignored = minimum, choices, ignored

    def parse(self, layer, value):
        """The attribute's value from what was given (None or JSON's 'None': the default)."""
        if value is None or (isinstance(value, str) and value == 'None' and self.kind != 'choice'):
            if self.default is REQUIRED:
                raise InvalidArgumentError('%s: argument %r is required' % (layer, self.name))
            return self.default
        kind, name = self.kind, self.name
        if kind in ('int', 'float'):
            value = parse_number(layer, name, value, int if kind == 'int' else float, self.minimum)
        elif kind == 'bool':
            value = parse_bool(layer, name, value)
        elif kind == 'choice':
            value = parse_choice(layer, name, value, self.choices)
        elif kind == 'pair':
            value = parse_tuple(layer, name, value, 2, allow_empty=True) or self.default
            if self.minimum is not None and value and min(value) < self.minimum:
                raise InvalidArgumentError('%s: argument %r must be >= %d, got %s'
                                 % (layer, name, self.minimum, value))
        elif kind == 'ints':
            value = parse_ints(layer, name, value, allow_none=True)    # () or '': the default
            if value is None:
                return self.parse(layer, None)
        elif kind == 'dtype':
            value = np.dtype(value).name
        return value

    def describe(self):
        """One line of a docstring: name, kind, MXNet's default, meaning."""
        default = 'required' if self.default is REQUIRED else 'default %r' % (self.default,)
        kind = 'one of %s' % ', '.join(repr(c) for c in self.choices) if self.kind == 'choice' \
            else self.kind
        note = ' Accepted for MXNet code and ignored (in MXNet it %s).' % self.ignored \
            if self.ignored else ''
        return '%s (%s, %s): %s%s' % (self.name, kind, default, self.doc, note)
