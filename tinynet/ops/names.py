"""The names symbol JSON gives the ops: MXNet's, so that each framework reads the other's files
(a block hybridized and exported by MXNet loads in tinynet, and the other way round).

tinynet has fewer op classes than MXNet has op names: the one Unary class is MXNet's exp, log,
sqrt, ...; the one ScalarArithmetic is _plus_scalar, _rminus_scalar, ... So a name read maps to a
class and the attributes the name implies, and an op is written under the name that implies its
attributes, with the attributes MXNet's op of that name takes.
"""
from .activation import Activation
from .elemwise import Add, Divide, Maximum, Minimum, Multiply, Power, ScalarArithmetic, Subtract
from .indexing import Pick
from .reduce import Reduce
from .shape import Flatten, Reshape
from .softmax import Softmax
from .unary import Clip, Unary

# the two-array ops: MXNet's broadcasting name (what tinynet writes), then its other names
BINARY = {Add: ('broadcast_add', 'elemwise_add', '_plus', '_Plus', '_add'),
          Subtract: ('broadcast_sub', 'broadcast_minus', 'elemwise_sub', '_minus', '_Minus',
                     '_sub'),
          Multiply: ('broadcast_mul', 'elemwise_mul', '_mul', '_Mul'),
          Divide: ('broadcast_div', 'elemwise_div', '_div', '_Div'),
          Power: ('broadcast_power', '_power', '_Power'),
          Maximum: ('broadcast_maximum', '_maximum', '_Maximum'),
          Minimum: ('broadcast_minimum', '_minimum', '_Minimum')}

# ScalarArithmetic's MXNet names (and their CamelCase aliases): (function, reverse). MXNet has
# one op for x + s and s + x (and for *, max, min), and an 'r' op where the order matters.
SCALAR = {'_plus_scalar': ('add', False), '_PlusScalar': ('add', False),
          '_minus_scalar': ('subtract', False), '_MinusScalar': ('subtract', False),
          '_rminus_scalar': ('subtract', True), '_RMinusScalar': ('subtract', True),
          '_mul_scalar': ('multiply', False), '_MulScalar': ('multiply', False),
          '_div_scalar': ('divide', False), '_DivScalar': ('divide', False),
          '_rdiv_scalar': ('divide', True), '_RDivScalar': ('divide', True),
          '_power_scalar': ('power', False), '_PowerScalar': ('power', False),
          '_rpower_scalar': ('power', True), '_RPowerScalar': ('power', True),
          '_maximum_scalar': ('maximum', False), '_MaximumScalar': ('maximum', False),
          '_minimum_scalar': ('minimum', False), '_MinimumScalar': ('minimum', False)}
COMMUTATIVE = ('add', 'multiply', 'maximum', 'minimum')


def _scalar_name(function, reverse):
    reverse = reverse and function not in COMMUTATIVE
    return next(name for name, key in SCALAR.items() if key == (function, reverse))


def _read_table():
    """MXNet op name -> (class, attributes the name implies)."""
    table = {'softmax': (Softmax, {}), 'log_softmax': (Softmax, {'log': 'True'}),
             'Softmax': (Softmax, {}),   # tinynet's name for the function before 2026-11-25
             'flatten': (Flatten, {}), 'reshape': (Reshape, {}), 'pick': (Pick, {}),
             'clip': (Clip, {})}
    for cls, names in BINARY.items():
        table.update({name: (cls, {}) for name in names})
    table.update({name: (ScalarArithmetic, {'function': f, 'reverse': str(r)})
                  for name, (f, r) in SCALAR.items()})
    table.update({f: (Unary, {'function': f}) for f in Unary.FORMULAS})
    table.update({a: (Activation, {'act_type': a}) for a in ('relu', 'sigmoid', 'tanh',
                                                              'softsign')})
    table.update({f: (Reduce, {'function': f}) for f in Reduce.FUNCTIONS})
    return table


READ = _read_table()


def json_form(op, attrs):
    """(op name, attributes) under which symbol JSON records `op`, made with `attrs`."""
    def without(*names):
        return {k: v for k, v in attrs.items() if k not in names}
    if isinstance(op, Softmax):
        return ('log_softmax' if op.log else 'softmax'), without('log')
    if isinstance(op, Unary):
        return op.function, without('function')
    if isinstance(op, Reduce):
        return op.function, without('function')
    if type(op) in BINARY:
        return BINARY[type(op)][0], attrs
    if isinstance(op, ScalarArithmetic):
        return _scalar_name(op.function, op.reverse), without('function', 'reverse')
    if isinstance(op, Pick):
        return 'pick', attrs
    if isinstance(op, Clip):
        return 'clip', attrs
    return type(op).__name__, attrs


def from_json(op_name, ops):
    """(op class, attributes the name implies) for an op name read from symbol JSON: MXNet's
    names, or tinynet's class names (`ops`, the OPS table); None for an op tinynet does not have."""
    if op_name in READ:
        return READ[op_name]
    return (ops[op_name], {}) if op_name in ops else None
