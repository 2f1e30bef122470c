"""The imperative face and the symbolic one are one engine: the tutorial's LeNet, trained one step
with mx.nd ops under autograd.record(), gives the executor's numbers."""
import numpy as np
import pytest

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


def test_an_array_saved_for_backward_and_then_changed_in_place_is_refused():
    """tanh keeps its output and multiply its inputs for backward: writing into one of them
    after the forward made backward return a wrong gradient without a word (MXNet 1.x does the
    same). It is refused now, naming the op; through a view (a reshape) too."""
    from tinynet import autograd
    x = nd.array([[0.5, -1.0], [2.0, 0.25]])
    x.attach_grad()
    with autograd.record():
        y = nd.tanh(x)
        z = (y * 3).sum()
    y[:] = 0                                     # y was saved by tanh and by the product
    with pytest.raises(RuntimeError, match="input 0 of ScalarArithmetic .*changed in place"):
        z.backward()
    w = nd.array([1.0, 2.0, 3.0, 4.0])
    with autograd.record():
        y = nd.tanh(x)
        z = (y * w.reshape((2, 2))).sum()        # the product saved a view of w
    w[1:3] = 7                                   # written through w itself
    with pytest.raises(RuntimeError, match='input 1 of Multiply'):
        z.backward()
    with autograd.record():
        y = nd.tanh(x)
        z = (y * 3).sum()
    z.backward()                                 # nothing changed: fine, and changes after it are
    y[:] = 0                                     # no one's business
    np.testing.assert_allclose(x.grad.asnumpy(), 3 * (1 - np.tanh(x.asnumpy()) ** 2), rtol=1e-6)


def test_grad_of_a_variable_the_heads_do_not_use_is_an_error_as_in_mxnet():
    x, unused = mx.nd.ones((2,)), mx.nd.ones((2,))
    x.attach_grad()
    unused.attach_grad()
    with mx.autograd.record():
        y = (x * 2).sum()
    with pytest.raises(mx.base.MXNetError, match='variable 1 .* is not reachable'):
        mx.autograd.grad(y, [x, unused])
