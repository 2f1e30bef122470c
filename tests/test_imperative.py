"""The imperative face and the symbolic one are one engine: the tutorial's LeNet, trained one step
with mx.nd ops under autograd.record(), gives the executor's numbers."""
import numpy as np

import tinynet as mx
from mnist_lenet import LENET_PARAMS, lenet, lenet_imperative
from tinynet import autograd, nd


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
    p = {ours: nd.array(params[theirs], ctx=ctx) for ours, theirs in zip(LENET_PARAMS, symbol_names)}
    for a in p.values():
        a.attach_grad()
    with autograd.record():
        logits = lenet_imperative(nd.array(x, ctx=ctx), p)
        out = nd.SoftmaxOutput(logits, nd.array(label, ctx=ctx))
    out.backward()
    np.testing.assert_allclose(out.asnumpy(), mx.backend.to_numpy(exe.outputs[0]), rtol=1e-5,
                               atol=1e-7)
    for ours, theirs in zip(LENET_PARAMS, symbol_names):
        np.testing.assert_allclose(p[ours].grad.asnumpy(), mx.backend.to_numpy(exe.grad_dict[theirs]),
                                   rtol=1e-4, atol=1e-6, err_msg=ours)
