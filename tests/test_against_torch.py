"""Cross-checks against an independent framework: PyTorch (skipped when torch is not installed; it
is never a dependency of tinynet). Random configurations, float64, forward and every gradient.
Pooling's 'full' convention is compared only where PyTorch's ceil_mode gives MXNet's output shape
(PyTorch also drops a last window that would start in the padding; MXNet does not)."""
import numpy as np
import pytest

import tinynet as mx
from mnist_lenet import lenet

torch = pytest.importorskip('torch')
F = torch.nn.functional


def tinynet_run(sym, args, dy):
    exe = sym.bind(mx.cpu(), args={k: v.copy() for k, v in args.items()},
                   args_grad={k: np.zeros_like(v) for k, v in args.items() if not k.endswith('_label')})
    out = exe.forward(is_train=True)[0].copy()
    exe.backward(dy)
    return out, exe.grad_dict


@pytest.mark.parametrize('seed', range(20))
def test_convolution_matches_torch(seed):
    rng = np.random.default_rng(seed)
    n, c, f = (int(v) for v in rng.integers(1, 4, 3))
    kh, kw, sh, sw, dh, dw = (int(v) for v in np.concatenate([rng.integers(1, 5, 2),
                                                             rng.integers(1, 4, 2), rng.integers(1, 3, 2)]))
    ph, pw = (int(v) for v in rng.integers(0, 3, 2))
    h, w = dh * (kh - 1) + 1 + int(rng.integers(0, 6)), dw * (kw - 1) + 1 + int(rng.integers(0, 6))
    x, weight, bias = rng.standard_normal((n, c, h, w)), rng.standard_normal((f, c, kh, kw)), rng.standard_normal(f)
    tensors = [torch.tensor(a, requires_grad=True) for a in (x, weight, bias)]
    y = F.conv2d(*tensors, stride=(sh, sw), padding=(ph, pw), dilation=(dh, dw))
    dy = rng.standard_normal(tuple(y.shape))
    y.backward(torch.tensor(dy))
    sym = mx.sym.Convolution(mx.sym.var('x'), kernel=(kh, kw), num_filter=f, stride=(sh, sw),
                             pad=(ph, pw), dilate=(dh, dw), name='c')
    out, grads = tinynet_run(sym, {'x': x, 'c_weight': weight, 'c_bias': bias}, dy)
    np.testing.assert_allclose(out, y.detach().numpy(), rtol=1e-10, atol=1e-12)
    for name, t in zip(('x', 'c_weight', 'c_bias'), tensors):
        np.testing.assert_allclose(grads[name], t.grad.numpy(), rtol=1e-10, atol=1e-12, err_msg=name)


@pytest.mark.parametrize('seed', range(30))
def test_pooling_matches_torch(seed):
    rng = np.random.default_rng(100 + seed)
    n, c = (int(v) for v in rng.integers(1, 3, 2))
    kh, kw, sh, sw = (int(v) for v in np.concatenate([rng.integers(1, 4, 2), rng.integers(1, 4, 2)]))
    ph, pw = int(rng.integers(0, kh // 2 + 1)), int(rng.integers(0, kw // 2 + 1))
    h, w = kh + int(rng.integers(0, 6)), kw + int(rng.integers(0, 6))
    full, pool_type = bool(rng.integers(0, 2)), ('max', 'avg')[int(rng.integers(0, 2))]
    x = rng.permutation(n * c * h * w).reshape(n, c, h, w) * 0.1        # no ties
    sym = mx.sym.Pooling(mx.sym.var('x'), kernel=(kh, kw), stride=(sh, sw), pad=(ph, pw),
                         pool_type=pool_type, pooling_convention='full' if full else 'valid')
    xt = torch.tensor(x, requires_grad=True)
    fn = F.max_pool2d if pool_type == 'max' else F.avg_pool2d
    y = fn(xt, kernel_size=(kh, kw), stride=(sh, sw), padding=(ph, pw), ceil_mode=full)
    if tuple(y.shape) != sym.infer_shape(x=x.shape)[1][0]:
        pytest.skip('PyTorch drops a last window starting in the padding; MXNet keeps it')
    dy = rng.standard_normal(tuple(y.shape))
    y.backward(torch.tensor(dy))
    out, grads = tinynet_run(sym, {'x': x}, dy)
    np.testing.assert_allclose(out, y.detach().numpy(), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(grads['x'], xt.grad.numpy(), rtol=1e-12, atol=1e-12)


def test_one_lenet_training_step_matches_torch():
    """The tutorial's LeNet: outputs and every parameter gradient of one step, the loss summed over
    the batch (normalization 'null'), against the same network in PyTorch."""
    rng = np.random.default_rng(0)
    net = lenet()
    shapes = dict(zip(net.list_arguments(), net.infer_shape(data=(4, 1, 28, 28))[0]))
    args = {k: rng.uniform(-0.2, 0.2, s) for k, s in shapes.items()}
    args['data'] = rng.random((4, 1, 28, 28))
    args['softmax_label'] = np.array([3.0, 1.0, 4.0, 1.0])
    out, grads = tinynet_run(net, args, None)
    names = [n for n in net.list_arguments() if n not in ('data', 'softmax_label')]
    p = {n: torch.tensor(args[n], requires_grad=True) for n in names}
    h = torch.tanh(F.conv2d(torch.tensor(args['data']), p[names[0]], p[names[1]]))
    h = torch.tanh(F.conv2d(F.max_pool2d(h, 2, 2), p[names[2]], p[names[3]]))
    h = torch.tanh(F.linear(F.max_pool2d(h, 2, 2).flatten(1), p[names[4]], p[names[5]]))
    logits = F.linear(h, p[names[6]], p[names[7]])
    F.cross_entropy(logits, torch.tensor([3, 1, 4, 1]), reduction='sum').backward()
    np.testing.assert_allclose(out, torch.softmax(logits, 1).detach().numpy(), rtol=1e-10, atol=1e-13)
    for name in names:
        np.testing.assert_allclose(grads[name], p[name].grad.numpy(), rtol=1e-8, atol=1e-12,
                                   err_msg=name)


# ----- mx.nd against torch autograd: random graphs of the array ops -----

UNARY = [('tanh', torch.tanh), ('sigmoid', torch.sigmoid), ('exp', lambda t: torch.exp(t * 0.3)),
         ('square', torch.square), ('neg', torch.neg), ('softmax', lambda t: F.softmax(t, -1)),
         ('log_softmax', lambda t: F.log_softmax(t, -1)), ('abs', torch.abs)]
BINARY = [('add', torch.add), ('sub', torch.sub), ('mul', torch.mul),
          ('div', lambda a, b: a / (b.abs() + 1)), ('max', torch.maximum), ('min', torch.minimum)]
ND_UNARY = {'tanh': lambda a: a.tanh(), 'sigmoid': lambda a: a.sigmoid(),
            'exp': lambda a: (a * 0.3).exp(), 'square': lambda a: a.square(), 'neg': lambda a: -a,
            'softmax': lambda a: mx.nd.softmax(a), 'log_softmax': lambda a: mx.nd.log_softmax(a),
            'abs': lambda a: abs(a)}
ND_BINARY = {'add': lambda a, b: a + b, 'sub': lambda a, b: a - b, 'mul': lambda a, b: a * b,
             'div': lambda a, b: a / (abs(b) + 1), 'max': mx.nd.maximum, 'min': mx.nd.minimum}


@pytest.mark.parametrize('seed', range(15))
def test_random_imperative_graphs_match_torch_autograd(seed):
    """A random chain of ops over three inputs (one broadcast), with sums, a matrix product and a
    slice on the way: the output and every input's gradient, in float64."""
    rng = np.random.default_rng(100 + seed)
    arrays = [rng.uniform(-1.5, 1.5, (3, 4)), rng.uniform(-1.5, 1.5, (3, 4)),
              rng.uniform(-1.5, 1.5, (1, 4))]
    xs = [mx.nd.array(a, dtype='float64') for a in arrays]
    ts = [torch.tensor(a, requires_grad=True) for a in arrays]
    for x in xs:
        x.attach_grad()
    steps = []
    for _ in range(6):
        kind = rng.integers(0, 4)
        if kind == 0:
            steps.append(('u', UNARY[rng.integers(len(UNARY))][0], None))
        elif kind == 1:
            steps.append(('b', BINARY[rng.integers(len(BINARY))][0], int(rng.integers(3))))
        elif kind == 2:
            steps.append(('matmul', None, int(rng.integers(3))))
        else:
            steps.append(('sumkeep', None, int(rng.integers(2))))
    torch_unary, torch_binary = dict(UNARY), dict(BINARY)
    with mx.autograd.record():
        h, t = xs[0], ts[0]
        for kind, name, k in steps:
            if kind == 'u':
                h, t = ND_UNARY[name](h), torch_unary[name](t)
            elif kind == 'b':
                h, t = ND_BINARY[name](h, xs[k]), torch_binary[name](t, ts[k])
            elif kind == 'matmul':          # (3, 4) @ (4, 3) @ (3, 4): back to (3, 4)
                k = k % 2
                h = mx.nd.dot(mx.nd.dot(h, xs[k].T) * 0.3, xs[1 - k])
                t = (t @ ts[k].T) * 0.3 @ ts[1 - k]
            else:
                h, t = h.sum(axis=k, keepdims=True) * h, t.sum(dim=k, keepdim=True) * t
        out = (h[1:, ::2] * 2).sum() + h.max(axis=1).sum()
        tout = (t[1:, ::2] * 2).sum() + t.max(dim=1).values.sum()
    out.backward()
    tout.backward()
    np.testing.assert_allclose(out.asnumpy(), [tout.item()], rtol=1e-10)
    for x, tt in zip(xs, ts):
        want = np.zeros_like(x.asnumpy()) if tt.grad is None else tt.grad.numpy()
        np.testing.assert_allclose(x.grad.asnumpy(), want, rtol=1e-9, atol=1e-12)
