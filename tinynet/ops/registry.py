"""THE op table: every op tinynet has, declared once.

Each row is one of MXNet's op names and the class that runs it:

    row('exp', Unary, {'function': 'exp'}, method=True, onnx='Exp')

says that the op MXNet calls `exp` is tinynet's `Unary` class with `function='exp'` (the
attributes the name implies), that NDArray and Symbol have it as a method (`x.exp()`), and that
ONNX calls it `Exp`. From this table come

  - `mx.nd.exp` and `mx.sym.exp` (ndarray/register.py and symbol.py make one function per name,
    with a signature and a docstring read from the class's attribute table),
  - the methods NDArray and Symbol have (`x.exp()`), and the arithmetic operators (`OPERATORS`),
  - the names symbol JSON writes and reads (MXNet's, so each framework reads the other's files),
  - the ONNX names of the ops that map one to one, and the lists the tests walk.

Adding an op is one op file and one row here. `also` lists more names for the same op in mx.nd
and mx.sym (`elemwise_add` for `broadcast_add`); `reads` lists names that are only read from JSON
(MXNet's CamelCase spellings, tinynet's older files). A row whose name starts with `_` is not a
public function: MXNet's `_plus_scalar` is what `x + 2` records.
"""
import collections
import inspect

from .activation import Activation
from .arrange import (BlockGrad, BroadcastAxis, BroadcastLike, BroadcastTo, Cast, Elementwise,
                      Embedding,
                      Flip, Repeat, ReshapeLike, Sort, Squeeze, Take, TopK)
from .attrs import REQUIRED
from .batch_norm import BatchNorm
from .convolution import Convolution
from .deconvolution import Deconvolution
from .ctc import CTCLoss
from .custom import Custom
from .dropout import Dropout
from .elemwise import (Add, BinaryOp, Divide, Equal, Greater, GreaterEqual, Lesser, LesserEqual,
                       Maximum, Minimum, Multiply, NotEqual, Power, ScalarArithmetic, Subtract)
from .fully_connected import FullyConnected
from .indexing import OneHot, Pick, Where
from .layer_norm import GroupNorm, InstanceNorm, LayerNorm
from .leaky_relu import LeakyReLU
from .matrix import BatchDot, Dot
from .make_loss import MakeLoss
from .norm import Norm
from .pad import Pad
from .pooling import Pooling
from .regression_output import RegressionOutput
from .reduce import ArgReduce, Cumsum, Reduce
from .rnn import RNN
from .shape import (Concat, ExpandDims, Flatten, NpReshape, Reshape, Stack, SwapAxis,
                    Transpose)
from .slice import Slice, SliceAxis, SplitPart
from .softmax import Softmax
from .softmax_output import SoftmaxOutput
from .tile import Tile
from .unary import Clip, Unary

Row = collections.namedtuple('Row', ['name', 'cls', 'fixed', 'also', 'reads', 'method', 'onnx'])


def row(name, cls, fixed=None, also=(), reads=(), method=False, onnx=None):
    return Row(name, cls, dict(fixed or {}), tuple(also), tuple(reads), method, onnx)


# x (op) s with a number s: MXNet's op names, by (function, whether s comes first). For the
# commutative functions one name serves both orders.
SCALAR_NAMES = {('add', False): '_plus_scalar', ('subtract', False): '_minus_scalar',
                ('subtract', True): '_rminus_scalar', ('multiply', False): '_mul_scalar',
                ('divide', False): '_div_scalar', ('divide', True): '_rdiv_scalar',
                ('power', False): '_power_scalar', ('power', True): '_rpower_scalar',
                ('maximum', False): '_maximum_scalar', ('minimum', False): '_minimum_scalar',
                ('equal', False): '_equal_scalar', ('not_equal', False): '_not_equal_scalar',
                ('lesser', False): '_lesser_scalar', ('lesser_equal', False):
                '_lesser_equal_scalar', ('greater', False): '_greater_scalar',
                ('greater_equal', False): '_greater_equal_scalar'}
COMMUTATIVE = ('add', 'multiply', 'maximum', 'minimum', 'equal', 'not_equal')
# s < x is x > s: the reversed comparisons, written as MXNet writes them
MIRRORED = {'lesser': 'greater', 'lesser_equal': 'greater_equal', 'greater': 'lesser',
            'greater_equal': 'lesser_equal'}


def _camel(name):
    """_plus_scalar -> _PlusScalar, MXNet's older spelling."""
    return '_' + ''.join(part.capitalize() for part in name.strip('_').split('_'))


# ONNX's names for the unary functions it has with MXNet's meaning (its Round rounds halves to
# even, MXNet's away from zero: not mapped)
ONNX_UNARY = {'sin': 'Sin', 'cos': 'Cos', 'tan': 'Tan', 'arcsin': 'Asin', 'arccos': 'Acos',
              'arctan': 'Atan', 'sinh': 'Sinh', 'cosh': 'Cosh', 'arcsinh': 'Asinh',
              'arccosh': 'Acosh', 'arctanh': 'Atanh'}

TABLE = [
    # the layers: the symbols make the parameters they are not given (fc1_weight, fc1_bias)
    row('FullyConnected', FullyConnected),
    row('Convolution', Convolution),
    row('Deconvolution', Deconvolution),
    row('Pooling', Pooling),
    row('Activation', Activation),
    row('LeakyReLU', LeakyReLU),
    row('BatchNorm', BatchNorm),
    row('LayerNorm', LayerNorm),
    row('InstanceNorm', InstanceNorm),
    row('GroupNorm', GroupNorm),
    row('Dropout', Dropout),
    row('RNN', RNN),
    row('SoftmaxOutput', SoftmaxOutput),
    row('LinearRegressionOutput', RegressionOutput, {'kind': 'linear'}),
    row('LogisticRegressionOutput', RegressionOutput, {'kind': 'logistic'}),
    row('MAERegressionOutput', RegressionOutput, {'kind': 'mae'}),
    row('MakeLoss', MakeLoss),
    row('CTCLoss', CTCLoss, also=('ctc_loss',), reads=('_contrib_CTCLoss', '_contrib_ctc_loss')),
    row('make_loss', MakeLoss, {'normalization': 'null', 'grad_scale': 1.0,
                                'valid_thresh': 0.0}),
    row('Flatten', Flatten, also=('flatten',), method='flatten', onnx='Flatten'),
    # the activations as functions of their own
    row('relu', Activation, {'act_type': 'relu'}, method=True, onnx='Relu'),
    row('sigmoid', Activation, {'act_type': 'sigmoid'}, method=True, onnx='Sigmoid'),
    row('tanh', Activation, {'act_type': 'tanh'}, method=True, onnx='Tanh'),
    row('softsign', Activation, {'act_type': 'softsign'}, method=True, onnx='Softsign'),
    row('softrelu', Activation, {'act_type': 'softrelu'}, method=True, onnx='Softplus'),
    # one array in, one out of its shape
    row('negative', Unary, {'function': 'negative'}, onnx='Neg'),
    row('abs', Unary, {'function': 'abs'}, method=True, onnx='Abs'),
    row('exp', Unary, {'function': 'exp'}, method=True, onnx='Exp'),
    row('log', Unary, {'function': 'log'}, method=True, onnx='Log'),
    row('sqrt', Unary, {'function': 'sqrt'}, method=True, onnx='Sqrt'),
    row('square', Unary, {'function': 'square'}, method=True),
    row('sign', Unary, {'function': 'sign'}, method=True, onnx='Sign'),
    row('reciprocal', Unary, {'function': 'reciprocal'}, method=True, onnx='Reciprocal'),
    row('floor', Unary, {'function': 'floor'}, method=True, onnx='Floor'),
    row('ceil', Unary, {'function': 'ceil'}, method=True, onnx='Ceil'),
] + [row(f, Unary, {'function': f}, method=True, onnx=ONNX_UNARY.get(f))
     for f in ('expm1', 'log10', 'log2', 'log1p', 'rsqrt', 'cbrt', 'rcbrt', 'sin', 'cos', 'tan',
               'arcsin', 'arccos', 'arctan', 'sinh', 'cosh', 'arcsinh', 'arccosh', 'arctanh',
               'degrees', 'radians', 'trunc', 'fix', 'round', 'rint')] + [
    row('clip', Clip, method=True),
    row('softmax', Softmax, method=True, reads=('Softmax',)),   # tinynet's name before 2026-11-25
    row('log_softmax', Softmax, {'log': True}, method=True),
    # reductions
    row('sum', Reduce, {'function': 'sum'}, method=True, onnx='ReduceSum'),
    row('mean', Reduce, {'function': 'mean'}, method=True, onnx='ReduceMean'),
    row('max', Reduce, {'function': 'max'}, method=True, onnx='ReduceMax'),
    row('min', Reduce, {'function': 'min'}, method=True, onnx='ReduceMin'),
    row('prod', Reduce, {'function': 'prod'}, method=True, onnx='ReduceProd'),
    row('norm', Norm, method=True),
    row('cumsum', Cumsum, method=True, reads=('_np_cumsum',)),
    row('argmax', ArgReduce, {'function': 'argmax'}, method=True),
    row('argmin', ArgReduce, {'function': 'argmin'}, method=True),
    # two arrays that broadcast together (either may be a number: see OPERATORS)
    row('broadcast_add', Add, also=('elemwise_add', 'add'), reads=('_plus', '_Plus', '_add'),
        onnx='Add'),
    row('broadcast_sub', Subtract, also=('elemwise_sub', 'subtract', 'broadcast_minus'),
        reads=('_minus', '_Minus', '_sub'), onnx='Sub'),
    row('broadcast_mul', Multiply, also=('elemwise_mul', 'multiply'), reads=('_mul', '_Mul'),
        onnx='Mul'),
    row('broadcast_div', Divide, also=('elemwise_div', 'divide'), reads=('_div', '_Div'),
        onnx='Div'),
    row('broadcast_power', Power, also=('power',), reads=('_power', '_Power'), onnx='Pow'),
    row('broadcast_maximum', Maximum, also=('maximum',), reads=('_maximum', '_Maximum'),
        onnx='Max'),
    row('broadcast_minimum', Minimum, also=('minimum',), reads=('_minimum', '_Minimum'),
        onnx='Min'),
    row('broadcast_equal', Equal, also=('equal',), reads=('_equal',)),
    row('broadcast_not_equal', NotEqual, also=('not_equal',), reads=('_not_equal',)),
    row('broadcast_lesser', Lesser, also=('lesser',), reads=('_lesser',)),
    row('broadcast_lesser_equal', LesserEqual, also=('lesser_equal',), reads=('_lesser_equal',)),
    row('broadcast_greater', Greater, also=('greater',), reads=('_greater',)),
    row('broadcast_greater_equal', GreaterEqual, also=('greater_equal',),
        reads=('_greater_equal',)),
    # shapes
    row('reshape', Reshape, also=('Reshape',), method=True),
    row('_np_reshape', NpReshape),          # mx.np's reshape (NumPy's rules, 0-d results)
    row('transpose', Transpose, method=True),
    row('swapaxes', SwapAxis, also=('SwapAxis',), method=True),
    row('expand_dims', ExpandDims, method=True),
    row('concat', Concat, also=('Concat',)),
    row('tile', Tile, method=True),
    row('pad', Pad, also=('Pad',), method=True),
    row('slice', Slice, also=('crop',), method=True),
    row('squeeze', Squeeze, method=True),
    row('flip', Flip, also=('reverse',), method=True),
    row('repeat', Repeat, method=True),
    row('broadcast_to', BroadcastTo, method=True),
    row('broadcast_axis', BroadcastAxis, also=('broadcast_axes',), method=True),
    row('broadcast_like', BroadcastLike, method=True),
    row('reshape_like', ReshapeLike, method=True),
    row('BlockGrad', BlockGrad, also=('stop_gradient',)),
    row('Cast', Cast, also=('cast',)),
    row('take', Take, method=True),
    row('Embedding', Embedding),
    row('sort', Sort, {'kind': 'sort'}, method=True),
    row('argsort', Sort, {'kind': 'argsort'}, method=True),
    row('topk', TopK, {'kind': 'topk'}, method=True),
    row('smooth_l1', Elementwise, {'function': 'smooth_l1'}),
    row('hard_sigmoid', Elementwise, {'function': 'hard_sigmoid'}),
    row('logical_not', Elementwise, {'function': 'logical_not'}),
    row('zeros_like', Elementwise, {'function': 'zeros_like'}),
    row('ones_like', Elementwise, {'function': 'ones_like'}),
    row('slice_axis', SliceAxis, method=True),
    row('_split_part', SplitPart),          # one part of split (SliceChannel): ndarray/symbol
    row('stack', Stack),
    # an op written in Python by the user (mx.operator.CustomOp)
    row('Custom', Custom),
    # choosing elements
    row('pick', Pick, method=True),
    row('where', Where),
    row('one_hot', OneHot, method=True),
    # matrix products
    row('dot', Dot),
    row('batch_dot', BatchDot),
] + [row(name, ScalarArithmetic, {'function': f} if f in COMMUTATIVE else
         {'function': f, 'reverse': reverse}, reads=(_camel(name),))
     for (f, reverse), name in SCALAR_NAMES.items()]

# The arithmetic operators of NDArray and Symbol: (the two-array function, whether reflected).
OPERATORS = {'__add__': ('add', False), '__radd__': ('add', True),
             '__sub__': ('subtract', False), '__rsub__': ('subtract', True),
             '__mul__': ('multiply', False), '__rmul__': ('multiply', True),
             '__truediv__': ('divide', False), '__rtruediv__': ('divide', True),
             '__pow__': ('power', False), '__rpow__': ('power', True),
             '__eq__': ('equal', False), '__ne__': ('not_equal', False),
             '__lt__': ('lesser', False), '__le__': ('lesser_equal', False),
             '__gt__': ('greater', False), '__ge__': ('greater_equal', False)}
BINARY_CLASSES = ScalarArithmetic.FUNCTIONS     # the function names above -> two-array classes


def public_rows():
    """The rows that are functions of mx.nd and mx.sym."""
    return [r for r in TABLE if not r.name.startswith('_')]


def function_names(r):
    """Every mx.nd / mx.sym name of row `r`."""
    return (r.name,) + r.also


def is_binary(r):
    return issubclass(r.cls, BinaryOp)


def function_of(r):
    """The two-array function name ('add', 'lesser', ...) of a two-array row, else None."""
    if not is_binary(r):
        return None
    return next(f for f, cls in BINARY_CLASSES.items() if cls is r.cls)


def binary_row(function):
    """The row of the two-array op `function` ('add' -> broadcast_add)."""
    return next(r for r in TABLE if is_binary(r) and r.cls is BINARY_CLASSES[function])


def is_variadic(r):
    """concat and stack take any number of arrays."""
    return r.cls.arguments == ()


def free_attrs(r):
    """The attributes a caller of row `r` may give: the class's, less those its name implies."""
    return [a for a in r.cls.attrs if a.name not in r.fixed]


def make_op(r, name, attrs):
    """Row `r`'s op, named `name`, with the caller's `attrs` and those the name implies."""
    given = {k: v for k, v in attrs.items() if v is not None and v is not REQUIRED}
    implied = sorted(set(given) & set(r.fixed))
    if implied:
        raise TypeError('%s: argument(s) %s are implied by the name %r' % (
            r.name, ', '.join(implied), r.name))
    return r.cls(name, **given, **r.fixed)


def bind_arguments(r, args, kwargs, face, name=None):
    """Split a call's arguments: (input arrays by name, attributes). The inputs come first, then
    the attributes in the order of the class's table, positionally or by name, as MXNet's
    generated functions take them. `face` ('mx.nd' or 'mx.sym') and the op's `name` go into the
    errors."""
    attr_names = [a.name for a in free_attrs(r)]
    where = '%s.%s%s' % (face, r.name, '' if name is None else " '%s'" % name)
    if is_variadic(r):
        return {'*': list(args)}, _only_attrs(r, kwargs, attr_names, where)
    names = list(r.cls.arguments) + attr_names
    if len(args) > len(names):
        raise TypeError('%s takes at most %d positional arguments (%s), got %d'
                        % (where, len(names), ', '.join(names), len(args)))
    given = dict(zip(names, args))
    for key, value in kwargs.items():
        if key in given:
            raise TypeError('%s: argument %r given twice' % (where, key))
        given[key] = value
    inputs = {arg: given.pop(arg) for arg in r.cls.arguments if arg in given}
    return inputs, _only_attrs(r, given, attr_names, where)


def _only_attrs(r, given, attr_names, where):
    if getattr(r.cls, 'any_attrs', False):           # Custom: every keyword goes to the prop
        return given
    unknown = sorted(set(given) - set(attr_names))
    if unknown:
        raise TypeError('%s: unknown argument(s) %s; it takes inputs %s and attributes %s' % (
            where, ', '.join(unknown), ', '.join(r.cls.arguments) or 'any number of arrays',
            ', '.join(attr_names) or 'none'))
    return given


# Methods whose values MXNet also takes spread out: x.reshape(2, -1), x.transpose(1, 0).
SPREAD = {'reshape': 'shape', 'transpose': 'axes'}


def make_method(function, r):
    """The NDArray or Symbol method of row `r`: `x.sum(axis=1)` is `function(x, axis=1)`."""
    spread = SPREAD.get(r.name)

    def method(self, *args, **kwargs):
        if spread and args:
            values = args[0] if len(args) == 1 and isinstance(args[0], (tuple, list)) else args
            args, kwargs = (), dict(kwargs, **{spread: tuple(values)})
        return function(self, *args, **kwargs)
    method.__name__ = r.name if r.method is True else r.method
    method.__doc__ = function.__doc__
    params = list(inspect.signature(function).parameters.values())
    method.__signature__ = inspect.Signature([params[0].replace(name='self')] + params[1:])
    return method


def install(cls, make_function, arithmetic):
    """One face of the table: {name: function} for every public row (make_function(row) makes
    it), with the methods and operators installed on `cls` (NDArray or Symbol), where
    arithmetic(function_name, lhs, rhs) runs a two-array function with either side a number.
    Called once per face, when its module is imported."""
    made = {}
    for r in public_rows():
        function = make_function(r)
        made.update((name, function) for name in function_names(r))
        if method_names(r):
            setattr(cls, method_names(r), make_method(function, r))
    for dunder, (function, reflected) in OPERATORS.items():
        setattr(cls, dunder, _operator(arithmetic, function, reflected))
    cls.__hash__ = object.__hash__        # __eq__ computes (or builds) an op: hash by identity
    cls.__neg__ = lambda self: made['negative'](self)
    cls.__abs__ = lambda self: made['abs'](self)
    return made


def _operator(arithmetic, function, reflected):
    def apply(self, other):
        return arithmetic(function, other, self) if reflected else arithmetic(function, self, other)
    apply.__name__ = function
    return apply


def method_names(r):
    """The method name row `r` gives NDArray and Symbol, or None."""
    return None if not r.method else (r.name if r.method is True else r.method)


def signature(r, face):
    """The signature help() shows for row `r`'s function in mx.nd ('mx.nd') or mx.sym."""
    kind = inspect.Parameter
    if is_variadic(r):
        params = [kind('data', kind.VAR_POSITIONAL)]
        attr_kind = kind.KEYWORD_ONLY
    else:
        params = [kind(arg, kind.POSITIONAL_OR_KEYWORD, default=None) for arg in r.cls.arguments]
        attr_kind = kind.POSITIONAL_OR_KEYWORD
    params += [kind(a.name, attr_kind, default=a.default) for a in free_attrs(r)]
    after = kind.KEYWORD_ONLY if is_variadic(r) else kind.POSITIONAL_OR_KEYWORD
    params.append(kind('name', after, default=None))
    if face == 'mx.nd':
        params.append(kind('out', after, default=None))
    return inspect.Signature(params)


def docstring(r, face):
    """What help() says of row `r`'s function: the op's math (its class or module docstring), its
    inputs, and each attribute with MXNet's default."""
    module = inspect.getmodule(r.cls)
    math = inspect.getdoc(r.cls) if r.cls.__doc__ else inspect.getdoc(module)
    lines = ['%s.%s: the %s op%s.' % (face, r.name, r.cls.__name__, ''.join(
        ' with %s=%r' % item for item in r.fixed.items())), '', math or '', '']
    inputs = 'any number of arrays' if is_variadic(r) else ', '.join(r.cls.arguments)
    lines.append('Inputs: %s%s.' % (inputs, ' (a Symbol makes the parameters it is not given)'
                                    if face == 'mx.sym' and len(r.cls.arguments) > 1 and
                                    not is_binary(r) else ''))
    if is_binary(r):
        lines.append('Either input may be a number.')
    attrs = free_attrs(r)
    if attrs:
        lines += ['', 'Attributes (MXNet\'s defaults):'] + ['    ' + a.describe() for a in attrs]
    lines += ['', 'name: the op\'s name (default: made from %r and a counter).' % r.name.lower()]
    if face == 'mx.nd':
        lines.append('out: an NDArray to write the result into (returned).')
    lines.append('Source: tinynet/ops/%s.py' % module.__name__.rpartition('.')[2])
    return '\n'.join(lines)


# ----- symbol JSON: MXNet's op names both ways -----

def _read_table():
    table = {}
    for r in TABLE:
        for name in function_names(r) + r.reads:
            table.setdefault(name, r)
    for r in TABLE:      # tinynet's own class names, which its files before 2026-11-24 wrote
        table.setdefault(r.cls.__name__, row(r.cls.__name__, r.cls))
    return table


READ = _read_table()
_BY_CLASS = collections.defaultdict(list)
for _row in TABLE:
    _BY_CLASS[_row.cls].append(_row)


def scalar_row(function, reflected):
    """The row of `x (function) s` (reflected: `s (function) x`) for a number s: MXNet's op, with
    a reflected comparison mirrored (s < x is x > s) and the commutative ones in one order."""
    if reflected and function in MIRRORED:
        function, reflected = MIRRORED[function], False
    return READ[SCALAR_NAMES[(function, reflected and function not in COMMUTATIVE)]]


def row_of(op, attrs=()):
    """The row `op` was made from, given the attributes its caller gave (`attrs`): of the rows of
    its class whose implied attributes it has and the caller did not give, the most specific
    (log_softmax before softmax; Activation(act_type='relu') stays Activation)."""
    if isinstance(op, ScalarArithmetic):
        return scalar_row(op.function, op.reverse)
    fits = [r for r in _BY_CLASS[type(op)]
            if all(getattr(op, k) == v and k not in attrs for k, v in r.fixed.items())]
    if not fits:
        raise KeyError('%s is not in the op table' % op)
    return max(fits, key=lambda r: len(r.fixed))


def json_form(op, attrs):
    """(op name, attributes) under which symbol JSON records `op` made with `attrs`: its row's
    name, and the attributes the caller gave (those the name implies are not among them)."""
    return row_of(op, attrs).name, attrs


def from_json(op_name):
    """(op class, attributes the name implies) for an op name read from symbol JSON: MXNet's
    names, or tinynet's class names; None for an op tinynet does not have."""
    r = READ.get(op_name)
    return None if r is None else (r.cls, dict(r.fixed))


def onnx_name(op):
    """The ONNX op that `op` is one to one, or None."""
    return max((r.onnx for r in _BY_CLASS[type(op)] if r.onnx and all(
        getattr(op, k) == v for k, v in r.fixed.items())), default=None)
