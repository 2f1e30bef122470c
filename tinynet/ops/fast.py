"""The named fast paths the ops call: each computes one plain formula, faster.

An op's forward and backward read as the formulas in its docstring; where a formula has a faster way
to be computed than its plain NumPy spelling, the op calls one of these helpers instead, and the
helper's docstring says what it computes and why its way is fast. Every helper gives the same
numbers as its plain formula (bit for bit, unless its docstring says otherwise); the measurements
behind them are in benchmarks/RESULTS.md ("Named fast paths").

Most of these tricks pay on NumPy over OpenBLAS on a CPU and would only cost on a GPU, where every
elementwise op is one kernel launch and cuBLAS chooses its own product order. So each helper decides
per backend: `on_cpu(xp)` is the one test, and on CuPy the helper runs the plain formula.
"""


def on_cpu(xp):
    """True when the array module is NumPy: the CPU tricks below apply."""
    return xp.__name__ == 'numpy'


def relu(xp, x):
    """max(x, 0).

    On NumPy, max is taken against an array of zeros and written into it: NumPy's `maximum` has a
    SIMD loop for two arrays but none for an array and a scalar, so this is about twice as fast
    (4.4 -> 2.6 us for the MLP's (100, 128) layer)."""
    if not on_cpu(xp):
        return xp.maximum(x, 0)
    y = xp.zeros_like(x)
    xp.maximum(x, y, out=y)
    return y


def one_minus_square(xp, y):
    """1 - y^2 (tanh's derivative from its output), built in one buffer: y*y makes it, and the
    subtraction is written back into it, so a layer's backward allocates one array, not two."""
    slope = y * y
    xp.subtract(1, slope, out=slope)
    return slope


def weight_grad(xp, dy, col):
    """dW = dy col^T for dy (F, P) and col (K, P), K = C*KH*KW: the convolution's weight gradient.

    OpenBLAS computes the transposed product col dy^T faster when K is not tiny (LeNet's conv2,
    K = 500) and slower for a first layer's few rows (conv1, K = 25), as measured in
    benchmarks/RESULTS.md; the transpose of the result is a free view. Both orders give dW to
    float rounding, not bit for bit. On CuPy the plain order is used."""
    if on_cpu(xp) and col.shape[0] >= 64:
        return (col @ dy.T).T
    return dy @ col.T


def sum_over_pixels(xp, dy):
    """sum(dy, axis=1) for a wide (F, P) gradient: a bias's gradient summed over every pixel.

    On NumPy it is a matrix-vector product with a vector of ones: BLAS reads the wide rows about 4x
    faster than NumPy's row sum (the result agrees to float rounding)."""
    if not on_cpu(xp):
        return dy.sum(axis=1)
    return dy @ xp.ones(dy.shape[1], dtype=dy.dtype)


def row_max(xp, rows):
    """max(rows, axis=1) for a (N, C) array with few columns (softmax's shift).

    On NumPy the max is taken down the columns of a transposed copy: NumPy reduces across rows in
    long contiguous passes, 3x faster for 10 classes than along each short row (5 -> 2 us per
    batch). The max is exact either way."""
    if not on_cpu(xp):
        return rows.max(axis=1)
    return xp.ascontiguousarray(rows.T).max(axis=0)


def product_into(xp, a, b, out):
    """a @ b written into `out`, an array of the product's shape that is no longer needed.

    The convolution's backward writes dcol = W^T dy over im2col's matrix, which it no longer needs
    once dW is computed: LeNet's step then touches 12.8 MB less memory, so more of it stays in cache
    (what that saves is in benchmarks/RESULTS.md)."""
    return xp.matmul(a, b, out=out)


def as_contiguous(xp, x):
    """x in C order: a copy when it is not already (one pass that reorders memory, so that later
    passes over it read in order; see Pooling.backward)."""
    return xp.ascontiguousarray(x)


def scatter_windows(xp, target, share, overlap):
    """target += share, for one kernel offset's slice of the windows of a gradient buffer.

    When windows do not overlap (stride >= kernel, as LeNet's 2x2/2 pooling), each offset owns its
    cells and the buffer holds zeros there, so the share is copied into place instead of added:
    7x faster, and the same numbers."""
    if overlap:
        target += share
    else:
        xp.copyto(target, share)

