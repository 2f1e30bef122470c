"""mx.nd's op functions, made from the op table (ops/registry.py), as MXNet makes its own from
its operator registry (ndarray/register.py): one function per MXNet name, each building the op and
running it now on NDArrays through `invoke`; and the NDArray methods and operators that run ops.

    mx.nd.FullyConnected(x, w, b, num_hidden=10)     # the layer, with every input given
    mx.nd.sum(x, axis=1)  ==  x.sum(axis=1)          # a function and its method
    mx.nd.maximum(x, 0)   ==  mx.nd.relu(x)          # either operand of a two-array op may be a number
"""
import numbers

import numpy as np

from ..backend import to_device
from ..ops import registry
from ..ops.elemwise import ScalarArithmetic
from .ndarray import NDArray, as_operand, into, invoke

FACE = 'mx.nd'


# two numbers: MXNet 1.9.1 computes in Python and returns a number (comparisons 1 or 0)
_ON_NUMBERS = {'add': lambda x, y: x + y, 'subtract': lambda x, y: x - y,
               'multiply': lambda x, y: x * y, 'divide': lambda x, y: x / y,
               'power': lambda x, y: x ** y, 'maximum': max, 'minimum': min,
               'equal': lambda x, y: int(x == y), 'not_equal': lambda x, y: int(x != y),
               'greater': lambda x, y: int(x > y), 'greater_equal': lambda x, y: int(x >= y),
               'lesser': lambda x, y: int(x < y), 'lesser_equal': lambda x, y: int(x <= y)}


def _is_plain_number(value):
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def binary(function, lhs, rhs, name=None):
    """lhs (function) rhs where one is an NDArray and the other an NDArray, a NumPy array or a
    number (a number is the ScalarArithmetic op: MXNet's _plus_scalar and the rest)."""
    if isinstance(lhs, NDArray) and isinstance(rhs, NDArray):
        op = registry.BINARY_CLASSES[function](name or function)
        op.infer_shape([lhs.shape, rhs.shape])        # shapes that do not broadcast, named
        return invoke(op, [lhs, as_operand(rhs, lhs)])
    array, other, reflected = (lhs, rhs, False) if isinstance(lhs, NDArray) else (rhs, lhs, True)
    if not isinstance(array, NDArray):
        if _is_plain_number(lhs) and _is_plain_number(rhs):
            return _ON_NUMBERS[function](lhs, rhs)      # mx.nd.power(0.9, 3): a number
        raise TypeError('%s.%s: at least one operand must be an NDArray, got %s and %s'
                        % (FACE, function, type(lhs).__name__, type(rhs).__name__))
    if isinstance(other, numbers.Number) or (isinstance(other, np.ndarray) and other.ndim == 0):
        if isinstance(other, (bool, complex, np.bool_)) or np.iscomplexobj(other):
            raise TypeError('%s.%s: cannot combine an NDArray with %r' % (FACE, function, other))
        op = ScalarArithmetic(name or function, function=function, scalar=float(other),
                              reverse=reflected)
        return invoke(op, [array])
    other = as_operand(other, array)          # a NumPy array, or a clear TypeError
    cls = registry.BINARY_CLASSES[function]
    return invoke(cls(name or function), [other, array] if reflected else [array, other])


def _as_input(r, op_name, arg, value, like):
    """An input of the op: an NDArray as it is; a NumPy array or a list next to an NDArray (pick's
    index, say) as an NDArray of that array's context and dtype; anything else a TypeError."""
    if isinstance(value, NDArray):
        return value
    if like is not None and isinstance(value, (np.ndarray, list, tuple)):
        return NDArray(to_device(np.asarray(value, dtype=like.dtype), like.context.xp),
                       like.context)
    raise TypeError('%s.%s: argument %r must be an NDArray, got %s'
                    % (FACE, r.name, arg, type(value).__name__))


def _inputs_in_order(op, names, inputs):
    """The arrays of the op's inputs `names`: by name, or, as MXNet takes them, the arrays
    given in the function's argument order, Nones left out (CTCLoss(data, label, None,
    label_lengths, use_label_lengths=True) and CTCLoss(data, label, label_lengths,
    use_label_lengths=True) both give label_lengths)."""
    if all(inputs.get(arg) is not None for arg in names):
        return [inputs[arg] for arg in names]
    declared = list(type(op).arguments) + [a for a in names if a not in type(op).arguments]
    given = [inputs[a] for a in declared if inputs.get(a) is not None]
    if len(given) != len(names):
        missing = [arg for arg in names if inputs.get(arg) is None]
        raise TypeError('%s: array argument(s) %s are required' % (op, ', '.join(missing)))
    return given


def make_function(r):
    """mx.nd.<name> for row `r` of the op table."""
    hint = r.name.lower()
    function_name = registry.function_of(r)

    def function(*args, name=None, out=None, _views=False, **kwargs):
        inputs, attrs = registry.bind_arguments(r, args, kwargs, FACE, name)
        if function_name is not None:
            if 'lhs' not in inputs or 'rhs' not in inputs:
                raise TypeError('%s.%s needs two operands, lhs and rhs' % (FACE, r.name))
            return into(out, binary(function_name, inputs['lhs'], inputs['rhs'], name))
        custom = getattr(r.cls, 'any_attrs', False)     # Custom(data=x, op_type=...): by name
        named = {k: v for k, v in attrs.items() if isinstance(v, NDArray)} if custom else {}
        try:
            op = registry.make_op(r, name or hint,
                                  {k: v for k, v in attrs.items() if k not in named})
        except TypeError as err:
            raise TypeError('%s.%s: %s' % (FACE, r.name, err)) from None
        if registry.is_variadic(r):
            arrays = list(inputs['*'])
            if len(arrays) == 1 and isinstance(arrays[0], (list, tuple)):
                arrays = list(arrays[0])
            if custom:
                arrays = [a for _, a in op.order_inputs(arrays, named)]
            if not arrays:
                raise TypeError('%s: give at least one array' % op)
            names = ['data%d' % i for i in range(len(arrays))]
        else:
            names = op.list_arguments()
            arrays = _inputs_in_order(op, names, inputs)
        first = next((a for a in arrays if isinstance(a, NDArray)), None)
        arrays = [_as_input(r, op, arg, a, first) for arg, a in zip(names, arrays)]
        op.infer_shape([a.shape for a in arrays])       # the op's own errors for shapes that misfit
        return into(out, invoke(op, arrays, views=_views))

    function.__name__ = r.name
    function.__qualname__ = r.name
    function.__doc__ = registry.docstring(r, FACE)
    function.__signature__ = registry.signature(r, FACE)
    return function


FUNCTIONS = registry.install(NDArray, make_function, binary)   # and NDArray's methods, operators


def _view_method(function, always):
    """NDArray's method `function` giving a view of the array's memory as MXNet's does: always
    (reshape) or with inplace=True (flatten, expand_dims, squeeze; default False: a copy)."""
    def method(self, *args, inplace=False, **kwargs):
        if function.__name__ == 'reshape' and args and not isinstance(args[0], (tuple, list)):
            args = (tuple(args),)                  # x.reshape(2, 3)
        return function(self, *args, _views=always or inplace, **kwargs)
    method.__name__ = function.__name__
    method.__doc__ = function.__doc__ + ('\n\nAs a method it returns a view sharing this array\'s '
                                         'memory (MXNet\'s NDArray.reshape).' if always else
                                         '\n\ninplace=True returns a view sharing this array\'s '
                                         'memory (default False: a copy), as MXNet\'s method.')
    return method


NDArray.reshape = _view_method(FUNCTIONS['reshape'], True)
for _name in ('flatten', 'expand_dims', 'squeeze'):
    setattr(NDArray, _name, _view_method(FUNCTIONS['flatten' if _name == 'flatten' else _name],
                                         False))
