import numpy as np
import pytest

import tinynet as mx
from tinynet.test_utils import assert_almost_equal

from mnist_lenet import lenet


def small_net():
    data = mx.sym.var('data')
    fc = mx.sym.FullyConnected(data=data, num_hidden=3, name='fc')
    return mx.sym.Activation(data=fc, act_type='tanh', name='act')


def test_simple_bind_allocates_float32_zeros(ctx):
    net = lenet()
    exe = net.simple_bind(ctx, data=(4, 1, 28, 28))
    assert list(exe.arg_dict) == net.list_arguments()
    assert exe.arg_dict['data'].shape == (4, 1, 28, 28) and exe.arg_dict['data'].dtype == np.float32
    first_conv_weight = net.list_arguments()[1]
    assert exe.grad_dict[first_conv_weight].shape == (20, 1, 5, 5)
    assert float(abs(exe.arg_dict[first_conv_weight]).sum().asscalar()) == 0


def test_setting_an_input_in_place_is_seen_by_forward(ctx, rng):
    exe = small_net().simple_bind(ctx, data=(2, 4))
    x = rng.standard_normal((2, 4)).astype(np.float32)
    exe.arg_dict['data'][:] = x
    exe.arg_dict['fc_weight'][:] = 1
    out = mx.backend.to_numpy(exe.forward()[0])
    assert_almost_equal(out, np.tanh(x.sum(axis=1, keepdims=True) * np.ones((1, 3))), rtol=1e-6, atol=1e-20)


def test_forward_keyword_arguments_and_shape_errors(ctx, rng):
    exe = small_net().simple_bind(ctx, data=(2, 4))
    exe.forward(data=rng.standard_normal((2, 4)))
    with pytest.raises(ValueError, match=r"'data' has shape \(3, 4\).*\(2, 4\)"):
        exe.forward(data=np.zeros((3, 4)))
    with pytest.raises(ValueError, match="'label' is not an argument"):
        exe.forward(label=np.zeros(2))


@pytest.mark.parametrize('req', ['write', 'add', 'null'])
def test_grad_req(ctx, rng, req):
    net = small_net()
    exe = net.simple_bind(ctx, grad_req=req, data=(2, 4))
    if req == 'null':
        assert exe.grad_dict == {}
        return
    for name, array in exe.arg_dict.items():
        array[:] = rng.standard_normal(array.shape)
    exe.grad_dict['fc_weight'][:] = 1.0
    exe.forward(is_train=True)
    dy = rng.standard_normal((2, 3))
    exe.backward(dy)
    once = mx.backend.to_numpy(exe.grad_dict['fc_weight']).copy()
    exe.forward(is_train=True)
    exe.backward(dy)
    twice = mx.backend.to_numpy(exe.grad_dict['fc_weight'])
    if req == 'write':
        assert_almost_equal(twice, once, rtol=1e-6, atol=1e-20)
    else:
        assert_almost_equal(twice - 1.0, 2 * (once - 1.0), rtol=1e-5, atol=1e-6)


def test_bind_with_given_arrays_and_lists(ctx, rng):
    net = small_net()
    args = [rng.standard_normal((2, 4)), rng.standard_normal((3, 4)), rng.standard_normal(3)]
    grads = [np.zeros((2, 4)), np.zeros((3, 4)), np.zeros(3)]
    exe = net.bind(ctx, args=args, args_grad=grads)
    exe.forward(is_train=True)
    exe.backward(np.ones((2, 3)))
    y = np.tanh(args[0] @ args[1].T + args[2])
    assert_almost_equal(exe.grad_dict['fc_bias'], ((1 - y ** 2)).sum(axis=0), rtol=1e-10, atol=1e-20)
    with pytest.raises(ValueError, match='2 arrays for 3 arguments'):
        net.bind(ctx, args=args[:2])
    with pytest.raises(ValueError, match=r"fc.*'weight'.*\(4, 4\)"):
        net.bind(ctx, args={'data': args[0], 'fc_weight': np.zeros((4, 4)), 'fc_bias': args[2]})


def test_executor_arrays_are_ndarrays_as_mxnets(ctx, rng):
    """outputs, arg_dict, grad_dict, aux_dict and the *_arrays lists hold NDArrays, as MXNet's
    (`exe.outputs[0].asnumpy()` is the idiom of MXNet code; they were NumPy arrays): an NDArray
    given to bind is kept itself, and what is written through any of them is what forward reads."""
    net = small_net()
    x = mx.nd.array(rng.standard_normal((2, 4)), ctx=ctx)
    w = mx.nd.array(rng.standard_normal((3, 4)), ctx=ctx)
    b = mx.nd.zeros(3, ctx=ctx)
    gw = mx.nd.zeros((3, 4), ctx=ctx)
    exe = net.bind(ctx, args={'data': x, 'fc_weight': w, 'fc_bias': b},
                   args_grad={'fc_weight': gw})
    assert exe.arg_dict['data'] is x and exe.arg_arrays[1] is w and exe.grad_dict['fc_weight'] is gw
    assert exe.grad_arrays == [None, gw, None]
    out = exe.forward(is_train=True)
    assert isinstance(out[0], mx.nd.NDArray) and out[0] is exe.outputs[0]
    assert isinstance(exe.output_dict['act_output'], mx.nd.NDArray)
    np.testing.assert_allclose(out[0].asnumpy(), np.tanh(x.asnumpy() @ w.asnumpy().T), rtol=1e-5)
    exe.backward(mx.nd.ones((2, 3), ctx=ctx))
    y = np.tanh(x.asnumpy() @ w.asnumpy().T)
    np.testing.assert_allclose(gw.asnumpy(), ((1 - y ** 2).T @ x.asnumpy()), rtol=1e-5)
    exe.arg_arrays[0][:] = 0                                  # through the list: seen by forward
    assert float(np.abs(exe.forward()[0].asnumpy()).max()) == 0
    exe.forward(data=mx.nd.ones((2, 4), ctx=ctx))            # a keyword NDArray is copied in
    np.testing.assert_array_equal(x.asnumpy(), np.ones((2, 4)))
    bn = mx.sym.BatchNorm(mx.sym.var('data'), name='bn').simple_bind(ctx, data=(2, 3))
    assert all(isinstance(a, mx.nd.NDArray) for a in bn.aux_arrays + list(bn.aux_dict.values()))


def test_backward_after_an_inference_forward_differentiates_that_computation(ctx, rng):
    """MXNet 1.9.1 allows forward() (is_train=False) then backward() (its test_bind does so):
    the gradient of the inference computation, here with BatchNorm's moving statistics."""
    data = mx.sym.var('data')
    net = mx.sym.BatchNorm(mx.sym.FullyConnected(data, num_hidden=3, name='fc'), fix_gamma=False,
                           name='bn')
    exe = net.simple_bind(ctx, data=(4, 5))
    for name, array in exe.arg_dict.items():
        array[:] = rng.standard_normal(array.shape)
    exe.aux_dict['bn_moving_var'][:] = 4.0
    exe.forward()
    exe.backward(mx.nd.ones((4, 3), ctx=ctx))
    gamma = exe.arg_dict['bn_gamma'].asnumpy()
    # y = gamma (fc - 0) / sqrt(4 + eps) + beta: d/d bias = gamma / sqrt(4 + eps) per row
    np.testing.assert_allclose(exe.grad_dict['fc_bias'].asnumpy(),
                               4 * gamma / np.sqrt(4 + 1e-3), rtol=1e-5)


def test_backward_before_forward_is_an_error(ctx):
    exe = small_net().simple_bind(ctx, data=(2, 4))
    with pytest.raises(RuntimeError, match='forward'):
        exe.backward()


def test_inference_forward_matches_training_forward_and_records_nothing(ctx, rng):
    """forward(is_train=False) walks plain arrays instead of graph Values: the same numbers, and no
    graph left behind, even right after a training forward."""
    net = lenet()
    shapes = dict(zip(net.list_arguments(), net.infer_shape(data=(3, 1, 16, 16))[0]))
    args = {n: rng.standard_normal(s) * 0.5 for n, s in shapes.items()}
    args['softmax_label'] = np.array([1.0, 4.0, 9.0])
    exe = net.bind(ctx, args=args, args_grad={n: np.zeros(s) for n, s in shapes.items()})
    trained = mx.backend.to_numpy(exe.forward(is_train=True)[0]).copy()
    inferred = mx.backend.to_numpy(exe.forward(is_train=False)[0])
    np.testing.assert_array_equal(inferred, trained)
    assert exe._tape is None                  # nothing recorded (backward would run it again)


def test_whole_lenet_gradient_against_numeric(ctx, rng):
    """The whole tutorial LeNet (smaller image), float64, through its softmax loss."""
    net = lenet()
    shapes = dict(zip(net.list_arguments(), net.infer_shape(data=(2, 1, 16, 16))[0]))
    location = {n: rng.standard_normal(s) * 0.5 for n, s in shapes.items()}
    location['softmax_label'] = np.array([3.0, 7.0])
    # check every parameter, on a small random subset of elements to keep it quick
    small = {n: s for n, s in shapes.items() if n not in ('data', 'softmax_label')}
    exe = net.bind(ctx, args={k: v.copy() for k, v in location.items()},
                   args_grad={n: np.zeros(s) for n, s in small.items()})
    exe.forward(is_train=True)
    exe.backward()
    eps = 1e-6
    for name in small:
        flat = location[name].reshape(-1)
        for i in rng.choice(flat.size, size=min(flat.size, 6), replace=False):
            original = flat[i]
            losses = []
            for delta in (eps, -eps):
                flat[i] = original + delta
                e = net.bind(ctx, args=location, grad_req='null')
                p = mx.backend.to_numpy(e.forward(is_train=False)[0])
                losses.append(-np.log(p[[0, 1], [3, 7]]).sum())
            flat[i] = original
            numeric = (losses[0] - losses[1]) / (2 * eps)
            analytic = float(mx.backend.to_numpy(exe.grad_dict[name]).reshape(-1)[i])
            assert abs(numeric - analytic) <= 1e-6 + 1e-5 * abs(numeric), (name, i, numeric, analytic)


def test_reshape_shares_memory_down_and_asks_before_growing():
    """MXNet 1.9.1's Executor.reshape (its unit test test_reshape): a smaller input is a view of
    the first values of the old array, parameters are shared; a larger one needs
    allow_up_sizing=True and is then a new array."""
    x = mx.sym.Variable('x')
    y = mx.sym.FullyConnected(x, num_hidden=4, name='fc')
    exe = y.simple_bind(mx.cpu(), x=(5, 4), grad_req='null')
    exe.arg_arrays[0][:] = 1
    exe.arg_arrays[1][:] = mx.nd.ones((4, 4))
    exe.arg_arrays[2][:] = 0
    small = exe.reshape(x=(3, 4))
    assert (small.forward()[0].asnumpy() == 4).all()
    small.arg_dict['x'][:] = 2                      # the first 3 rows of exe's x
    assert exe.arg_dict['x'].asnumpy()[:3].tolist() == [[2] * 4] * 3
    assert (exe.arg_dict['x'].asnumpy()[3:] == 1).all()
    with pytest.raises(ValueError, match='allow_up_sizing'):
        exe.reshape(x=(6, 4))
    big = exe.reshape(allow_up_sizing=True, x=(6, 4))
    big.arg_dict['x'][:] = 0
    assert (exe.arg_dict['x'].asnumpy()[3:] == 1).all()        # not shared
    assert big.arg_dict['fc_weight'] is exe.arg_dict['fc_weight']
