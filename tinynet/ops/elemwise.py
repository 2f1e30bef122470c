"""Elementwise arithmetic on two arrays, with NumPy broadcasting (what `a + b`, `a * b`, ... run).

    add       y = a + b          da = dy                 db = dy
    subtract  y = a - b          da = dy                 db = -dy
    multiply  y = a * b          da = dy b               db = dy a
    divide    y = a / b          da = dy / b             db = -dy a / b^2
    power     y = a ** b         da = dy b a^(b - 1)     db = dy y log(a)
    maximum   y = max(a, b)      da = dy [a >= b]        db = dy [a < b]      (a tie goes to a)
    minimum   y = min(a, b)      da = dy [a <= b]        db = dy [a > b]

Broadcasting: an input of a smaller shape was repeated along some axes to make the output's shape,
so its gradient is the output's gradient summed over those axes (`unbroadcast`).
Shapes: a and b broadcast to y; da has a's shape, db has b's.
"""
import numpy as np

from .base import Op, parse_bool, parse_choice, parse_number


def broadcast_shape(layer, a, b):
    try:
        return tuple(np.broadcast_shapes(tuple(a), tuple(b)))
    except ValueError:
        raise ValueError('%s: shapes %s and %s do not broadcast together'
                         % (layer, tuple(a), tuple(b))) from None


def unbroadcast(xp, grad, shape):
    """The gradient of an input of `shape` that was broadcast to grad.shape: grad summed over the
    axes broadcasting added in front and over those where the input had size 1."""
    if grad.shape == tuple(shape):
        return grad
    extra = grad.ndim - len(shape)
    axes = tuple(range(extra)) + tuple(extra + i for i, n in enumerate(shape)
                                       if n == 1 and grad.shape[extra + i] != 1)
    return grad.sum(axis=axes, keepdims=True).reshape(shape)


class BinaryOp(Op):
    """Two inputs that broadcast together, one output of the broadcast shape."""
    arguments = ('lhs', 'rhs')

    def __init__(self, name):
        super().__init__(name)

    def infer_shape(self, in_shapes):
        a, b = in_shapes
        if a is None or b is None:
            return in_shapes, [None]
        return in_shapes, [broadcast_shape(self, a, b)]

    def grad_lhs(self, xp, dy, a, b, y):
        """da before unbroadcasting (a subclass writes its formula here); likewise grad_rhs."""
        raise NotImplementedError

    def forward(self, xp, inputs, record):
        a, b = inputs
        y = self.compute(xp, a, b)
        return [y], ((a, b, y) if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        a, b, y = saved
        dy = out_grads[0]
        return [unbroadcast(xp, self.grad_lhs(xp, dy, a, b, y), a.shape) if needs_grad[0] else None,
                unbroadcast(xp, self.grad_rhs(xp, dy, a, b, y), b.shape) if needs_grad[1] else None]


class Add(BinaryOp):
    def compute(self, xp, a, b):
        return a + b

    def grad_lhs(self, xp, dy, a, b, y):
        return dy

    def grad_rhs(self, xp, dy, a, b, y):
        return dy


class Subtract(BinaryOp):
    def compute(self, xp, a, b):
        return a - b

    def grad_lhs(self, xp, dy, a, b, y):
        return dy

    def grad_rhs(self, xp, dy, a, b, y):
        return -dy


class Multiply(BinaryOp):
    def compute(self, xp, a, b):
        return a * b

    def grad_lhs(self, xp, dy, a, b, y):
        return dy * b

    def grad_rhs(self, xp, dy, a, b, y):
        return dy * a


class Divide(BinaryOp):
    def compute(self, xp, a, b):
        return a / b

    def grad_lhs(self, xp, dy, a, b, y):
        return dy / b

    def grad_rhs(self, xp, dy, a, b, y):
        return -dy * a / (b * b)


class Power(BinaryOp):
    def compute(self, xp, a, b):
        return a ** b

    def grad_lhs(self, xp, dy, a, b, y):
        return dy * b * a ** (b - 1)

    def grad_rhs(self, xp, dy, a, b, y):
        return dy * y * xp.log(a)


class Maximum(BinaryOp):
    def compute(self, xp, a, b):
        return xp.maximum(a, b)

    def grad_lhs(self, xp, dy, a, b, y):
        return dy * (a >= b)

    def grad_rhs(self, xp, dy, a, b, y):
        return dy * (a < b)


class Minimum(BinaryOp):
    def compute(self, xp, a, b):
        return xp.minimum(a, b)

    def grad_lhs(self, xp, dy, a, b, y):
        return dy * (a <= b)

    def grad_rhs(self, xp, dy, a, b, y):
        return dy * (a > b)


class Compare(BinaryOp):
    """a == b, a != b, a < b, a <= b, a > b, a >= b as 0/1 in a's dtype (MXNet's comparisons). The
    result is a step function: its gradient is zero almost everywhere, and nothing is recorded."""
    FUNCTIONS = {'equal': 'equal', 'not_equal': 'not_equal', 'lesser': 'less',
                 'lesser_equal': 'less_equal', 'greater': 'greater', 'greater_equal': 'greater_equal'}

    def __init__(self, name, relation='equal'):
        super().__init__(name)
        if relation not in self.FUNCTIONS:
            raise ValueError('%s: argument %r must be one of %s, got %r'
                             % (self, 'relation', ', '.join(self.FUNCTIONS), relation))
        self.relation = relation

    def compute(self, xp, a, b):
        return getattr(xp, self.FUNCTIONS[self.relation])(a, b).astype(a.dtype)

    def grad_lhs(self, xp, dy, a, b, y):
        return xp.zeros_like(a)

    def grad_rhs(self, xp, dy, a, b, y):
        return xp.zeros_like(b)


class ScalarArithmetic(Op):
    """x (op) s, or s (op) x with reverse=True, for a number s: what `x * 2` or `1 - x` on a
    Symbol builds (MXNet's _mul_scalar, _rminus_scalar, ...). The two-array op's own formulas
    run, with s as the other operand; s is an attribute, so it gets no gradient."""
    FUNCTIONS = {'add': Add, 'subtract': Subtract, 'multiply': Multiply, 'divide': Divide,
                 'power': Power, 'maximum': Maximum, 'minimum': Minimum}

    def __init__(self, name, function=None, scalar=None, reverse=False, is_int=None):
        super().__init__(name)          # is_int: MXNet 1.9 writes it in JSON; s is a float here
        self.function = parse_choice(self, 'function', function, tuple(self.FUNCTIONS))
        if scalar is None:
            raise ValueError("%s: argument 'scalar' is required" % self)
        self.scalar = parse_number(self, 'scalar', scalar)
        self.reverse = parse_bool(self, 'reverse', reverse)
        self.binary = self.FUNCTIONS[self.function](name)

    def infer_shape(self, in_shapes):
        return in_shapes, [in_shapes[0]]

    def forward(self, xp, inputs, record):
        x = inputs[0]
        s = xp.asarray(self.scalar, dtype=x.dtype)
        a, b = (s, x) if self.reverse else (x, s)
        y = self.binary.compute(xp, a, b)
        return [y], ((a, b, y) if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        a, b, y = saved
        grad_x = self.binary.grad_rhs if self.reverse else self.binary.grad_lhs
        return [grad_x(xp, out_grads[0], a, b, y)]
