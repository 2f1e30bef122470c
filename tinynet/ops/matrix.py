"""Matrix products: dot, batch_dot and `@`.

    dot        y = A B            A (..., K) seen as (M, K), B (K, ...) seen as (K, N)
               dA = dy B^T        dB = A^T dy
    with transpose_a / transpose_b (2-D only), y = op(A) op(B) and the gradients follow: when A
    enters transposed, dA = (dy op(B)^T)^T = op(B) dy^T; likewise dB = dy^T op(A) for B transposed.
    batch_dot  y[i] = op(A[i]) op(B[i])     A (b, M, K), B (b, K, N); the same per batch item
    matmul     y = A @ B          NumPy's matmul: the last two axes multiply, the rest broadcast;
               dA = dy B^T, dB = A^T dy, each summed back over broadcast batch axes
"""
from ..base import InvalidArgumentError
from .attrs import Attr
from .base import Op
from .elemwise import unbroadcast


def swap(xp, m):
    """The last two axes exchanged (a view)."""
    return xp.swapaxes(m, -1, -2)


class TransposedProduct(Op):
    """Two inputs multiplied, either of them transposed first when asked (dot, batch_dot)."""
    arguments = ('lhs', 'rhs')
    attrs = (Attr('transpose_a', 'bool', False, 'use A^T'),
             Attr('transpose_b', 'bool', False, 'use B^T'),
             Attr('forward_stype', 'any', None, '', ignored='chooses a sparse storage type'))

    def infer_shape(self, in_shapes):
        if any(s is None for s in in_shapes):
            return in_shapes, [None]
        return in_shapes, [self.out_shape(tuple(in_shapes[0]), tuple(in_shapes[1]))]


class Dot(TransposedProduct):

    def out_shape(self, a, b):
        """y's shape for A of shape a and B of shape b, or a ValueError naming both."""
        if (self.transpose_a and len(a) != 2) or (self.transpose_b and len(b) != 2):
            raise InvalidArgumentError('%s: transpose_a and transpose_b need 2-D inputs, got shapes %s and %s'
                             % (self, a, b))
        k_a = a[0] if self.transpose_a else a[-1]
        k_b = b[1] if self.transpose_b else b[0]
        if k_a != k_b:
            raise InvalidArgumentError('%s: shapes %s and %s do not fit a matrix product (%d against %d)'
                             % (self, a, b, k_a, k_b))
        rows = (a[1],) if self.transpose_a else a[:-1]
        columns = (b[0],) if self.transpose_b else b[1:]
        return rows + columns or (1,)

    def forward(self, xp, inputs, record):
        a, b = inputs
        self.out_shape(tuple(a.shape), tuple(b.shape))
        a2 = a.T if self.transpose_a else a.reshape(-1, a.shape[-1])       # op(A) as (M, K)
        b2 = b.T if self.transpose_b else b.reshape(b.shape[0], -1)        # op(B) as (K, N)
        y = a2 @ b2                                                         # y = A B
        rows = (a2.shape[0],) if self.transpose_a else tuple(a.shape[:-1])
        columns = (b2.shape[1],) if self.transpose_b else tuple(b.shape[1:])
        return [y.reshape(rows + columns or (1,))], ((a, b, a2, b2) if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        a, b, a2, b2 = saved
        dy = out_grads[0].reshape(a2.shape[0], b2.shape[1])
        da = db = None
        if needs_grad[0]:
            da = b2 @ dy.T if self.transpose_a else (dy @ b2.T).reshape(a.shape)   # dA = dy B^T
        if needs_grad[1]:
            db = dy.T @ a2 if self.transpose_b else (a2.T @ dy).reshape(b.shape)   # dB = A^T dy
        return [da, db]


class BatchDot(TransposedProduct):

    def out_shape(self, a, b):
        if len(a) != 3 or len(b) != 3 or a[0] != b[0]:
            raise InvalidArgumentError('%s: inputs must be 3-D (batch, rows, columns) with the same batch, '
                             'got shapes %s and %s' % (self, a, b))
        (m, k_a), (k_b, n) = (a[:0:-1] if self.transpose_a else a[1:]), \
            (b[:0:-1] if self.transpose_b else b[1:])
        if k_a != k_b:
            raise InvalidArgumentError('%s: shapes %s and %s do not fit a matrix product' % (self, a, b))
        return (a[0], m, n)

    def forward(self, xp, inputs, record):
        a, b = inputs
        self.out_shape(tuple(a.shape), tuple(b.shape))
        op_a = swap(xp, a) if self.transpose_a else a
        op_b = swap(xp, b) if self.transpose_b else b
        return [xp.matmul(op_a, op_b)], ((op_a, op_b) if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        op_a, op_b = saved
        dy = out_grads[0]
        da = db = None
        if needs_grad[0]:
            da = xp.matmul(dy, swap(xp, op_b))                              # d op(A) = dy op(B)^T
            da = swap(xp, da) if self.transpose_a else da
        if needs_grad[1]:
            db = xp.matmul(swap(xp, op_a), dy)                              # d op(B) = op(A)^T dy
            db = swap(xp, db) if self.transpose_b else db
        return [da, db]


class MatMul(Op):
    arguments = ('lhs', 'rhs')

    def forward(self, xp, inputs, record):
        a, b = inputs
        if a.ndim < 2 or b.ndim < 2 or a.shape[-1] != b.shape[-2]:
            raise InvalidArgumentError('%s: a @ b needs two arrays of at least 2 axes whose last and '
                             'next-to-last axes agree, got shapes %s and %s'
                             % (self, tuple(a.shape), tuple(b.shape)))
        return [xp.matmul(a, b)], ((a, b) if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        a, b = saved
        dy = out_grads[0]
        da = unbroadcast(xp, xp.matmul(dy, swap(xp, b)), a.shape) if needs_grad[0] else None
        db = unbroadcast(xp, xp.matmul(swap(xp, a), dy), b.shape) if needs_grad[1] else None
        return [da, db]
