"""The imperative face and the symbolic one are one engine: the tutorial's LeNet, trained one step
with mx.nd ops under autograd.record(), gives the executor's numbers."""
import numpy as np

import tinynet as mx
from mnist_lenet import lenet
from tinynet import autograd, nd


def imperative_lenet(x, p):
    """The tutorial's LeNet (examples/mnist_lenet.py), written with mx.nd calls."""
    h = nd.Convolution(x, p['conv1_weight'], p['conv1_bias'], kernel=(5, 5), num_filter=20)
    h = nd.Pooling(nd.tanh(h), pool_type='max', kernel=(2, 2), stride=(2, 2))
    h = nd.Convolution(h, p['conv2_weight'], p['conv2_bias'], kernel=(5, 5), num_filter=50)
    h = nd.Pooling(nd.tanh(h), pool_type='max', kernel=(2, 2), stride=(2, 2))
    h = nd.tanh(nd.FullyConnected(nd.flatten(h), p['fc1_weight'], p['fc1_bias'], num_hidden=500))
    return nd.FullyConnected(h, p['fc2_weight'], p['fc2_bias'], num_hidden=10)


OUR_NAMES = ['conv1_weight', 'conv1_bias', 'conv2_weight', 'conv2_bias', 'fc1_weight', 'fc1_bias',
             'fc2_weight', 'fc2_bias']


def test_an_imperative_lenet_step_equals_the_executors_step(ctx, rng):
    net = lenet()
    shapes = dict(zip(net.list_arguments(), net.infer_shape(data=(8, 1, 28, 28))[0]))
    # the symbol's parameters in list_arguments() order are conv1's, conv2's, fc1's, fc2's
    symbol_names = [n for n in net.list_arguments() if n not in ('data', 'softmax_label')]
    params = {n: rng.uniform(-0.1, 0.1, shapes[n]).astype(np.float32) for n in symbol_names}
    x = rng.uniform(0, 1, (8, 1, 28, 28)).astype(np.float32)
    label = rng.integers(0, 10, 8).astype(np.float32)
    exe = net.bind(ctx, args=dict(params, data=x, softmax_label=label),
                   args_grad={k: np.zeros_like(v) for k, v in params.items()})
    exe.forward(is_train=True)
    exe.backward()
    p = {ours: nd.array(params[theirs], ctx=ctx) for ours, theirs in zip(OUR_NAMES, symbol_names)}
    for a in p.values():
        a.attach_grad()
    with autograd.record():
        logits = imperative_lenet(nd.array(x, ctx=ctx), p)
        out = nd.SoftmaxOutput(logits, nd.array(label, ctx=ctx))
    out.backward()
    np.testing.assert_allclose(out.asnumpy(), mx.backend.to_numpy(exe.outputs[0]), rtol=1e-5,
                               atol=1e-7)
    for ours, theirs in zip(OUR_NAMES, symbol_names):
        np.testing.assert_allclose(p[ours].grad.asnumpy(), mx.backend.to_numpy(exe.grad_dict[theirs]),
                                   rtol=1e-4, atol=1e-6, err_msg=ours)
