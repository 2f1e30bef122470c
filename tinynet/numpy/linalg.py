"""mx.np.linalg: norm (what D2L uses), on the op table's ops so gradients flow."""
from .. import ndarray as _nd


def norm(x, ord=None, axis=None, keepdims=False):
    """The vector 2-norm (ord None or 2; the Frobenius norm of a matrix when axis is None, as
    NumPy's for ord None) or the 1-norm (ord=1, vectors or one axis) of x; axis None: over every
    element, a 0-d array."""
    from . import array, ndarray, reshape
    if not isinstance(x, ndarray):
        x = array(x)
    if ord not in (None, 2, 1, 'fro'):
        raise NotImplementedError('mx.np.linalg.norm: ord=%r is not in tinynet (None, 2, 1 and '
                                  "'fro' are)" % (ord,))
    if ord == 1 and (axis is None and x.ndim > 1 or isinstance(axis, tuple)):
        raise NotImplementedError('mx.np.linalg.norm: the matrix 1-norm (ord=1 over two axes) '
                                  'is not in tinynet')
    if ord == 2 and (axis is None and x.ndim > 1 or isinstance(axis, tuple)):
        raise NotImplementedError('mx.np.linalg.norm: the matrix 2-norm (the largest singular '
                                  "value) is not in tinynet; ord=None gives the Frobenius norm")
    result = _nd.norm(x, ord=1 if ord == 1 else 2, axis=axis, keepdims=keepdims)
    return reshape(result, ()) if axis is None and not keepdims else result   # an mx.np array
