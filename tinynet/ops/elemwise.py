"""Elementwise arithmetic on two arrays, with NumPy broadcasting (what `a + b`, `a * b`, ... run).

    add       y = a + b          da = dy                 db = dy
    subtract  y = a - b          da = dy                 db = -dy
    multiply  y = a * b          da = dy b               db = dy a
    divide    y = a / b          da = dy / b             db = -dy a / b^2
    power     y = a ** b         da = dy b a^(b - 1)     db = dy y log(a)
    maximum   y = max(a, b)      da = dy [a >= b]        db = dy [a < b]      (a tie goes to a)
    minimum   y = min(a, b)      da = dy [a <= b]        db = dy [a > b]

    equal, not_equal, lesser, lesser_equal, greater, greater_equal:
              y = [a == b], ...  as 0/1 in a's dtype          da = db = 0 (a step function)

Integer arrays keep their dtype, as in MXNet: 7 / 2 is 3 and -7 / 2 is -3 (C's division, which
truncates toward zero), and a number combined with an integer array is cast to its dtype first
(x + 0.7 is x).

Broadcasting: an input of a smaller shape was repeated along some axes to make the output's shape,
so its gradient is the output's gradient summed over those axes (`unbroadcast`).
Shapes: a and b broadcast to y; da has a's shape, db has b's.
"""
import numpy as np

from ..base import InvalidArgumentError
from .attrs import Attr
from .base import Op


def broadcast_shape(layer, a, b):
    try:
        return tuple(np.broadcast_shapes(tuple(a), tuple(b)))
    except ValueError:
        raise InvalidArgumentError('%s: shapes %s and %s do not broadcast together'
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

    def infer_shape(self, in_shapes):
        """With one shape unknown, the other's, both ways, as MXNet's elementwise ops (`a + b` of
        symbols is elemwise_add there) infer it: `a + b` with a (2, 3) gives b (2, 3)."""
        a, b = in_shapes
        if a is None and b is None:
            return in_shapes, [None]
        if a is None or b is None:
            known = a if b is None else b
            return [known, known], [known]
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
        if a.dtype.kind in 'iu':
            return truncated_divide(xp, a, b)
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


def truncated_divide(xp, a, b):
    """a / b for integers as C (and MXNet) divide them: the quotient rounded toward zero, in a's
    dtype (NumPy's // rounds down, so -7 // 2 is -4 where MXNet gives -3)."""
    quotient = xp.abs(a) // xp.abs(b)
    return (quotient * (xp.sign(a) * xp.sign(b))).astype(a.dtype, copy=False)


class Compare(BinaryOp):
    """a == b, a != b, a < b, ... as 0/1 in a's dtype (MXNet's comparisons), one subclass per
    relation. A step function: its gradient is zero (given as zeros, as MXNet does), so mx.nd
    records nothing."""
    relation = None          # the NumPy function's name

    def compute(self, xp, a, b):
        return getattr(xp, self.relation)(a, b).astype(a.dtype)

    def forward(self, xp, inputs, record):
        a, b = inputs
        return [self.compute(xp, a, b)], ([(a.shape, a.dtype), (b.shape, b.dtype)] if record
                                          else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        return self.zero_grads(xp, saved)

    def grad_lhs(self, xp, dy, a, b, y):        # as the other operand of ScalarArithmetic
        return xp.zeros_like(dy)

    grad_rhs = grad_lhs


class Equal(Compare):
    relation = 'equal'


class NotEqual(Compare):
    relation = 'not_equal'


class Lesser(Compare):
    relation = 'less'


class LesserEqual(Compare):
    relation = 'less_equal'


class Greater(Compare):
    relation = 'greater'


class GreaterEqual(Compare):
    relation = 'greater_equal'


class ScalarArithmetic(Op):
    """x (op) s, or s (op) x with reverse=True, for a number s: what `x * 2` or `1 - x` runs
    (MXNet's _mul_scalar, _rminus_scalar, ...). The two-array op's own formulas run, with s as the
    other operand, cast to x's dtype; s is an attribute, so it gets no gradient."""
    FUNCTIONS = {'add': Add, 'subtract': Subtract, 'multiply': Multiply, 'divide': Divide,
                 'power': Power, 'maximum': Maximum, 'minimum': Minimum, 'equal': Equal,
                 'not_equal': NotEqual, 'lesser': Lesser, 'lesser_equal': LesserEqual,
                 'greater': Greater, 'greater_equal': GreaterEqual}
    attrs = (Attr('function', 'choice', doc="which two-array op (implied by the op's name)",
                  choices=tuple(FUNCTIONS)),
             Attr('scalar', 'float', doc='the number s'),
             Attr('reverse', 'bool', False, "s comes first (implied by the op's name)"),
             Attr('is_int', 'any', None, "MXNet 1.9's note of the number's type (s is a float "
                  "here)"))
    infer_shape = Op.same_shape

    def check(self):
        self.binary = self.FUNCTIONS[self.function](self.name)

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
