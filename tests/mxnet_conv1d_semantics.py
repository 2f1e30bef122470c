"""One script, run by MXNet 1.9.1 and by tinynet (`python mxnet_conv1d_semantics.py
mxnet|tinynet`): Conv2DTranspose (the Deconvolution op, with output_padding, in a DCGAN-like
stack, hybridized too), grouped convolutions, Gluon's 1-D layers (Conv1D with stride, padding, dilation; MaxPool1D, AvgPool1D,
the global ones) on the same numbers, values and gradients, a text-CNN-like stack (Embedding,
Conv1D, GlobalMaxPool1D) hybridized, and the ops with 1-D windows. Prints one JSON line;
tests/test_conv1d.py runs it under both and compares."""
import json
import sys

import numpy as onp

if sys.argv[1] == 'mxnet':
    import mxnet as mx
    from mxnet.gluon import nn
else:
    import tinynet as mx
    from tinynet.gluon import nn

rs = onp.random.RandomState(0)
found = {}


def values(a):
    return a.asnumpy().astype('float64').tolist()


def set_params(block):
    for name in sorted(block.collect_params().keys()):
        p = block.collect_params()[name]
        p.set_data(mx.nd.array(rs.uniform(-0.5, 0.5, p.shape).astype('float32')))


x = mx.nd.array(rs.randn(2, 3, 11).astype('float32'))
layers = {
    'conv': nn.Conv1D(4, 3, in_channels=3),
    'conv stride pad dilate': nn.Conv1D(5, 3, strides=2, padding=2, dilation=2, in_channels=3,
                                        activation='relu'),
    'maxpool': nn.MaxPool1D(3, strides=2),
    'avgpool pad ceil': nn.AvgPool1D(2, padding=1, ceil_mode=True),
    'avgpool no pad count': nn.AvgPool1D(3, strides=2, padding=1, count_include_pad=False),
    'global max': nn.GlobalMaxPool1D(),
    'global avg': nn.GlobalAvgPool1D(),
}
for key, layer in layers.items():
    layer.initialize()
    set_params(layer)
    data = x.copy()
    data.attach_grad()
    with mx.autograd.record():
        y = layer(data)
        (y * y).sum().backward()
    grads = [values(data.grad)] + [values(layer.collect_params()[n].grad())
                                   for n in sorted(layer.collect_params().keys())]
    found[key] = [list(y.shape), values(y), grads, repr(layer)]

net = nn.HybridSequential()
with net.name_scope():
    net.add(nn.Embedding(20, 6), nn.HybridLambda(lambda F, v: F.transpose(v, axes=(0, 2, 1))),
            nn.Conv1D(8, 3, activation='relu'), nn.GlobalMaxPool1D(), nn.Dense(2))
net.initialize()
tokens = mx.nd.array(rs.randint(0, 20, (4, 9)).astype('float32'))
net(tokens)
set_params(net)
found['text cnn'] = values(net(tokens))
net.hybridize()
found['text cnn hybridized'] = values(net(tokens))

gen = nn.HybridSequential()
with gen.name_scope():
    gen.add(nn.Conv2DTranspose(4, 4, strides=2, padding=1, use_bias=False, in_channels=3),
            nn.BatchNorm(), nn.Activation('relu'),
            nn.Conv2DTranspose(2, 3, strides=2, padding=1, output_padding=1, activation='tanh'),
            nn.Conv2D(6, 3, padding=1, groups=2), nn.Conv2D(6, 3, groups=6, use_bias=False))
gen.initialize()
x = mx.nd.array(rs.randn(2, 3, 4, 4).astype('float32'))
gen(x)
for name in sorted(gen.collect_params().keys()):
    p = gen.collect_params()[name]
    low = 0.5 if name.endswith('var') else -0.5          # a variance is positive
    p.set_data(mx.nd.array(rs.uniform(low, 1.0, p.shape).astype('float32')))
with mx.autograd.record():
    y = gen(x)
y.backward(mx.nd.array(rs.randn(*y.shape).astype('float32')))
found['transposed and grouped'] = [list(y.shape), values(y), [repr(b) for b in gen]] + [
    values(gen.collect_params()[n].grad()) for n in sorted(gen.collect_params().keys())
    if gen.collect_params()[n].grad_req != 'null']
gen.hybridize()
found['transposed and grouped, hybridized'] = values(gen(x))

data = mx.sym.var('data')
conv = mx.sym.Convolution(data, kernel=(3,), num_filter=2, stride=(2,), pad=(1,), name='c')
pool = mx.sym.Pooling(conv, kernel=(2,), pool_type='max', stride=(1,), name='p')
found['symbol shapes'] = [list(map(list, s)) for s in pool.infer_shape(data=(2, 3, 10))[:2]]
print(json.dumps(found))
