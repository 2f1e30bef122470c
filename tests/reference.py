"""Plain-loop reference ops: slow, obvious, and written without looking at tinynet's versions.

Each follows the textbook definition one output element at a time, so a fast path in tinynet that
gets an index, a stride or a padding rule wrong disagrees with these.
"""
import math

import numpy as np


def fully_connected(x, weight, bias=None):
    n = x.shape[0]
    x2 = x.reshape(n, -1)
    y = np.zeros((n, weight.shape[0]), dtype=np.float64)
    for i in range(n):
        for h in range(weight.shape[0]):
            total = 0.0
            for k in range(x2.shape[1]):
                total += x2[i, k] * weight[h, k]
            y[i, h] = total + (bias[h] if bias is not None else 0.0)
    return y


def conv2d(x, weight, bias=None, stride=(1, 1), pad=(0, 0), dilate=(1, 1)):
    n, c, h, w = x.shape
    f, _, kh, kw = weight.shape
    oh = (h + 2 * pad[0] - dilate[0] * (kh - 1) - 1) // stride[0] + 1
    ow = (w + 2 * pad[1] - dilate[1] * (kw - 1) - 1) // stride[1] + 1
    y = np.zeros((n, f, oh, ow))
    for b in range(n):
        for o in range(f):
            for i in range(oh):
                for j in range(ow):
                    total = 0.0
                    for ch in range(c):
                        for a in range(kh):
                            for d in range(kw):
                                r = i * stride[0] - pad[0] + a * dilate[0]
                                s = j * stride[1] - pad[1] + d * dilate[1]
                                if 0 <= r < h and 0 <= s < w:
                                    total += x[b, ch, r, s] * weight[o, ch, a, d]
                    y[b, o, i, j] = total + (bias[o] if bias is not None else 0.0)
    return y


def pool2d(x, kernel, pool_type='max', stride=(1, 1), pad=(0, 0), convention='valid',
           count_include_pad=True, global_pool=False):
    """MXNet's pooling, cell by cell: max over real cells; avg divides by the window clipped to the
    padded image (or to the image itself when count_include_pad is False)."""
    n, c, h, w = x.shape
    if global_pool:
        kernel, stride, pad = (h, w), (1, 1), (0, 0)
    rounding = math.floor if convention == 'valid' else math.ceil
    oh = int(rounding((h + 2 * pad[0] - kernel[0]) / stride[0])) + 1
    ow = int(rounding((w + 2 * pad[1] - kernel[1]) / stride[1])) + 1
    y = np.zeros((n, c, oh, ow))
    for b in range(n):
        for ch in range(c):
            for i in range(oh):
                for j in range(ow):
                    r0, s0 = i * stride[0] - pad[0], j * stride[1] - pad[1]
                    r1, s1 = min(r0 + kernel[0], h + pad[0]), min(s0 + kernel[1], w + pad[1])
                    padded_count = (r1 - r0) * (s1 - s0)
                    cells = [x[b, ch, r, s] for r in range(max(r0, 0), min(r1, h))
                             for s in range(max(s0, 0), min(s1, w))]
                    if pool_type == 'max':
                        y[b, ch, i, j] = max(cells)
                    elif pool_type == 'sum':
                        y[b, ch, i, j] = sum(cells)
                    else:
                        count = padded_count if count_include_pad else len(cells)
                        y[b, ch, i, j] = sum(cells) / count
    return y


def max_pool_grad(x, dy, kernel, stride=(1, 1), pad=(0, 0)):
    """The gradient of max pooling: each window's dy goes to its first maximum (row-major)."""
    n, c, h, w = x.shape
    dx = np.zeros_like(x, dtype=np.float64)
    for b in range(n):
        for ch in range(c):
            for i in range(dy.shape[2]):
                for j in range(dy.shape[3]):
                    best, where = -np.inf, None
                    for a in range(kernel[0]):
                        for d in range(kernel[1]):
                            r, s = i * stride[0] - pad[0] + a, j * stride[1] - pad[1] + d
                            if 0 <= r < h and 0 <= s < w and x[b, ch, r, s] > best:
                                best, where = x[b, ch, r, s], (r, s)
                    dx[b, ch, where[0], where[1]] += dy[b, ch, i, j]
    return dx


def activation(x, act_type):
    out = np.zeros_like(x, dtype=np.float64)
    for idx, v in np.ndenumerate(x):
        v = float(v)
        out[idx] = {'relu': lambda: max(v, 0.0), 'sigmoid': lambda: 1 / (1 + math.exp(-v)),
                    'tanh': lambda: math.tanh(v), 'softrelu': lambda: math.log1p(math.exp(v)),
                    'softsign': lambda: v / (1 + abs(v))}[act_type]()
    return out


def softmax(x):
    out = np.zeros_like(x, dtype=np.float64)
    for i in range(x.shape[0]):
        m = max(x[i])
        exps = [math.exp(v - m) for v in x[i]]
        total = sum(exps)
        out[i] = [e / total for e in exps]
    return out
