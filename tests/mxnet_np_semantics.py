"""One script, run by MXNet 1.9.1 and by tinynet (`python mxnet_np_semantics.py mxnet|tinynet`),
printing as JSON what MXNet's NumPy front end (`from mxnet import np, npx`) gives: values, shapes,
dtypes and gradients. tests/test_numpy.py runs it under both interpreters and compares."""
import json
import sys

import numpy as onp

if sys.argv[1] == 'mxnet':
    import mxnet as mx
    from mxnet import np, npx
else:
    import tinynet as mx
    from tinynet import np, npx


def seen(a):
    """[values, shape, dtype name] of an mx.np array."""
    return [a.asnumpy().tolist(), list(a.shape), onp.dtype(a.dtype).name]


def answers():
    npx.set_np()
    found = {}
    x = np.array([[1, 2], [3, 4]])
    found['array'] = seen(x)
    found['repr'] = repr(x)
    found['repr 0-d'] = repr(x.sum())
    found['str'] = [str(x / 2), str(x.sum()), str(np.array([1, 2], dtype='int32')), str(x > 2),
                    '%s' % x[0]]
    for name, a in (('sum', x.sum()), ('sum axis 0', x.sum(axis=0)), ('mean', np.mean(x)),
                    ('max keepdims', x.max(axis=1, keepdims=True)), ('min', np.min(x)),
                    ('prod axis 1', np.prod(x, axis=1)), ('argmax', np.argmax(x)),
                    ('x == 2', x == 2), ('x > 1.5', x > 1.5), ('int / 2', np.array([1, 2], dtype='int32') / 2),
                    ('x[0, 1]', x[0, 1]), ('x[1]', x[1]), ('x[:, 0]', x[:, 0]),
                    ('reshape -1', x.reshape(-1)), ('reshape (4, 1)', x.reshape((4, 1))),
                    ('reshape 0-d', np.array([5.0]).reshape(())), ('zeros', np.zeros((2, 3))),
                    ('ones int', np.ones(3, dtype='int32')), ('full', np.full((2,), 7)),
                    ('zeros 0-d', np.zeros(())), ('arange', np.arange(5)), ('arange 2 8 3', np.arange(2, 8, 3)),
                    ('linspace', np.linspace(0, 1, 5)), ('eye', np.eye(3, k=1)),
                    ('concatenate', np.concatenate([x, x], axis=1)), ('stack', np.stack([x, x])),
                    ('dot', np.dot(x, x)), ('dot vectors', np.dot(x[0], x[1])),
                    ('exp', np.exp(x)), ('sqrt', np.sqrt(x)), ('maximum', np.maximum(x, 2.5)),
                    ('transpose', x.T), ('expand_dims', np.expand_dims(x, 0)),
                    ('where', np.where(x > 2, x, np.zeros_like(x))), ('clip', np.clip(x, 1.5, 3)),
                    ('relu', npx.relu(x - 2.5)), ('softmax', npx.softmax(x)),
                    ('one_hot', npx.one_hot(np.array([0, 2]), 3)),
                    ('cumsum', np.cumsum(x)), ('cumsum axis 0', x.cumsum(axis=0)),
                    ('cumsum int32', np.cumsum(np.array([1, 2], dtype='int32'))),
                    ('meshgrid x', np.meshgrid(np.arange(3), np.arange(2))[0]),
                    ('meshgrid y', np.meshgrid(np.arange(3), np.arange(2))[1]),
                    ('meshgrid ij', np.meshgrid(np.arange(3), np.arange(2), indexing='ij')[0]),
                    ('norm', np.linalg.norm(x)), ('norm axis 1', np.linalg.norm(x, axis=1)),
                    ('norm ord 1', np.linalg.norm(np.array([3., -4.]), ord=1)),
                    ('tile', np.tile(x, 2)), ('repeat', np.repeat(x, 2)),
                    ('repeat axis 0', np.repeat(x, 2, axis=0)),
                    ('bool * float array', (x > 2) * x), ('bool * 2.0', (x > 2) * 2.0),
                    ('int32 * float32', np.array([1, 2], dtype='int32') * np.ones(2)),
                    ('int32 * 2.5', np.array([1, 2], dtype='int32') * 2.5),
                    ('nonzero', np.nonzero(x > 2)[1]), ('unique', np.unique(np.array([3, 1, 3])))):
        found[name] = seen(a)
    found['format'] = ['%s' % x.sum(), f'{x.mean():.3f}', f'{x.sum()}', format(x[0, 1], '5.1f')]
    found['item'] = x.sum().item()
    found['float'] = float(x.mean())
    found['int'] = int(x[1, 1])
    found['is_np_array'] = bool(mx.util.is_np_array())
    # autograd through the front end, 0-d head included
    w = np.array([[0.5, -1.0], [2.0, 0.25]])
    w.attach_grad()
    with mx.autograd.record():
        loss = (np.dot(x, w) ** 2).sum() + w[0, 1] * 3 + w.reshape(-1)[2]
    loss.backward()
    found['grad'] = seen(w.grad)
    found['loss'] = seen(loss)
    # Gluon with np arrays: outputs and losses are np arrays
    net = mx.gluon.nn.Dense(2, in_units=2)
    net.initialize(mx.init.Constant(0.5))
    out = net(x)
    found['gluon Dense type is np'] = type(out).__name__ == 'ndarray'
    found['gluon Dense'] = seen(out)
    l2 = mx.gluon.loss.L2Loss()(out, np.zeros((2, 2)))
    found['gluon L2Loss'] = seen(l2)
    npx.reset_np()
    found['reset'] = bool(mx.util.is_np_array())
    return found


if __name__ == '__main__':
    print(json.dumps(answers()))
