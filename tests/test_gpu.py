"""The GPU path end to end: both tutorial networks, Gluon on two GPUs, the kvstore, checkpoints,
explain, ONNX and the NaN finder with mx.gpu(). CI runs them on tests/fake_cupy.py (CuPy's rules
on the CPU: $TINYNET_FAKE_CUPY); on a machine with a GPU and CuPy they run there. Without either
they skip, unless $TINYNET_REQUIRE_EXTRAS names 'gpu' (then a missing GPU fails).

Each GPU run is compared with the same run on the CPU: on the stand-in the arithmetic is NumPy's,
so what differs is the code path (the CPU fast paths of ops/fast.py against their plain formulas,
host/device copies, per-device logic), which must give the same numbers."""
import os
import sys

import numpy as np
import pytest

import tinynet as mx
from tinynet import autograd, gluon, nd

GPUS = mx.test_utils.list_gpus()
if len(GPUS) < 2:
    if 'gpu' in os.environ.get('TINYNET_REQUIRE_EXTRAS', '').replace(',', ' ').split():
        pytest.fail('TINYNET_REQUIRE_EXTRAS names gpu, but CuPy sees %d GPU(s); CI sets '
                    'TINYNET_FAKE_CUPY=1' % len(GPUS), pytrace=False)
    pytest.skip('needs two GPUs (or TINYNET_FAKE_CUPY=1: tests/fake_cupy.py)',
                allow_module_level=True)
FAKE = bool(os.environ.get('TINYNET_FAKE_CUPY'))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'examples'))
from mnist_lenet import lenet  # noqa: E402
from mnist_mlp import mlp  # noqa: E402

# the tolerance between a GPU and a CPU run: the stand-in computes in NumPy, and only the order of
# a few sums differs between the fast paths and the plain formulas; a real GPU's cuBLAS and
# atomics differ more
TOL = dict(rtol=1e-4, atol=1e-5) if FAKE else dict(rtol=1e-2, atol=1e-3)


def mnist_slice(mnist_home, n=600):
    mnist = mx.test_utils.get_mnist()
    return mnist['train_data'][:n], mnist['train_label'][:n], mnist['test_data'][:500]


def train(net, ctx, x, y, epochs=1):
    mx.random.seed(7)
    mod = mx.mod.Module(net, context=ctx)
    mod.fit(mx.io.NDArrayIter(x, y, 100, shuffle=True), num_epoch=epochs,
            initializer=mx.init.Xavier(), optimizer_params={'learning_rate': 0.1,
                                                            'momentum': 0.9})
    return mod


@pytest.mark.parametrize('network', ['mlp', 'lenet'])
def test_an_epoch_of_each_tutorial_network_on_the_gpu_matches_the_cpu(network, mnist_home):
    x, y, test = mnist_slice(mnist_home)
    net = {'mlp': mlp, 'lenet': lenet}[network]()
    on_cpu, on_gpu = train(net, mx.cpu(), x, y), train(net, mx.gpu(), x, y)
    for name, value in on_cpu.get_params()[0].items():
        np.testing.assert_allclose(on_gpu.get_params()[0][name], value, err_msg=name, **TOL)
    prob = on_gpu.predict(mx.io.NDArrayIter(test, None, 100))
    assert prob.context == mx.gpu() and prob.shape == (500, 10)
    np.testing.assert_allclose(prob.asnumpy(),
                               on_cpu.predict(mx.io.NDArrayIter(test, None, 100)).asnumpy(), **TOL)


def test_two_gpus_train_as_one_cpu_in_module_and_saved_weights_load_on_the_cpu(mnist_home,
                                                                                 tmp_path):
    x, y, test = mnist_slice(mnist_home, 400)
    net = mlp()
    on_cpu = train(net, mx.cpu(), x, y, epochs=2)
    on_gpus = train(net, [mx.gpu(0), mx.gpu(1)], x, y, epochs=2)
    for name, value in on_cpu.get_params()[0].items():
        np.testing.assert_allclose(on_gpus.get_params()[0][name], value, err_msg=name, **TOL)
    prefix = str(tmp_path / 'gpu_mlp')
    on_gpus.save_checkpoint(prefix, 2, save_optimizer_states=True)
    loaded = mx.mod.Module.load(prefix, 2, load_optimizer_states=True, context=mx.cpu())
    loaded.bind([('data', (100, 1, 28, 28))], for_training=False)
    np.testing.assert_allclose(loaded.predict(mx.io.NDArrayIter(test, None, 100)).asnumpy(),
                               on_gpus.predict(mx.io.NDArrayIter(test, None, 100)).asnumpy(),
                               rtol=1e-6, atol=1e-7)


def gluon_run(ctx, x, y):
    mx.random.seed(3)
    net = gluon.nn.HybridSequential()
    net.add(gluon.nn.Conv2D(6, kernel_size=5, activation='tanh'), gluon.nn.MaxPool2D(),
            gluon.nn.Dense(10))
    net.initialize(mx.init.Xavier(), ctx=ctx)
    trainer = gluon.Trainer(net.collect_params(), 'sgd', {'learning_rate': 0.1})
    loss_fn = gluon.loss.SoftmaxCrossEntropyLoss()
    contexts = ctx if isinstance(ctx, list) else [ctx]
    for start in range(0, len(x), 100):
        data = gluon.utils.split_and_load(x[start:start + 100], contexts)
        label = gluon.utils.split_and_load(y[start:start + 100], contexts)
        with autograd.record():
            losses = [loss_fn(net(d), l) for d, l in zip(data, label)]
        for loss in losses:
            loss.backward()
        trainer.step(100)
    return {name: p.data(contexts[-1]).asnumpy() for name, p in net.collect_params().items()}


def test_gluon_on_two_gpus_trains_as_on_the_cpu(mnist_home):
    x, y, _ = mnist_slice(mnist_home, 300)
    x, y = nd.array(x), nd.array(y)
    on_cpu, on_gpus = gluon_run(mx.cpu(), x, y), gluon_run([mx.gpu(0), mx.gpu(1)], x, y)
    for cpu_name, gpu_name in zip(sorted(on_cpu), sorted(on_gpus)):
        np.testing.assert_allclose(on_gpus[gpu_name], on_cpu[cpu_name], err_msg=gpu_name, **TOL)


def test_nd_and_autograd_on_the_gpu():
    x = nd.array([[1.0, -2.0], [3.0, 4.0]], ctx=mx.gpu(1))
    x.attach_grad()
    with autograd.record():
        y = (nd.relu(x) * x).sum()
    y.backward()
    assert x.grad.context == mx.gpu(1)
    np.testing.assert_allclose(x.grad.asnumpy(), [[2.0, 0.0], [6.0, 8.0]])
    with pytest.raises(ValueError, match='gpu\\(1\\) and gpu\\(0\\)'):
        x + nd.ones((2, 2), ctx=mx.gpu(0))
    moved = x.as_in_context(mx.gpu(0)) + nd.ones((2, 2), ctx=mx.gpu(0))
    assert moved.context == mx.gpu(0)


def test_the_kvstore_sums_replicas_on_two_gpus():
    kv = mx.kv.create('device')
    kv.init('w', nd.zeros((2, 3), ctx=mx.gpu(0)))
    kv.push('w', [nd.ones((2, 3), ctx=mx.gpu(0)), nd.full((2, 3), 2.0, ctx=mx.gpu(1))])
    out = [nd.zeros((2, 3), ctx=mx.gpu(0)), nd.zeros((2, 3), ctx=mx.gpu(1))]
    kv.pull('w', out=out)
    for o in out:
        np.testing.assert_array_equal(o.asnumpy(), np.full((2, 3), 3.0))


def test_a_nan_on_the_gpu_is_found_and_named(mnist_home):
    x, y, _ = mnist_slice(mnist_home, 200)
    x = x.copy()
    x[150, 0, 3, 3] = np.nan
    with pytest.raises(FloatingPointError, match="batch 1: the batch's input 'data' holds 1 NaN"):
        train(lenet(), mx.gpu(), x, y)


def test_explain_and_onnx_take_a_gpu_trained_checkpoint(mnist_home, tmp_path):
    x, y, test = mnist_slice(mnist_home, 300)
    mod = train(lenet(), mx.gpu(), x, y)
    prefix = str(tmp_path / 'gpu_lenet')
    mod.save_checkpoint(prefix, 1)
    from tinynet.explain.model import Explainer
    answer = Explainer(prefix, 1).run(test[0].reshape(28, 28))
    want = mod.predict(mx.io.NDArrayIter(test[:1], None, 1)).asnumpy()[0]
    np.testing.assert_allclose(answer['probabilities'], want, rtol=1e-4, atol=1e-6)
    onnx = pytest.importorskip('onnx')
    symbol, arg_params, aux_params = mx.model.load_checkpoint(prefix, 1)
    path = str(tmp_path / 'gpu_lenet.onnx')
    mx.onnx.export_model(symbol, dict(arg_params, **aux_params), [(1, 1, 28, 28)], np.float32,
                         path)
    onnx.checker.check_model(onnx.load(path))


def test_the_stand_in_catches_what_a_gpu_would_refuse(monkeypatch):
    """The three kinds of GPU-port bug CI must catch, planted one at a time."""
    if not FAKE:
        pytest.skip('a check of tests/fake_cupy.py itself')
    from tinynet.ops.activation import Activation
    net = mx.sym.Activation(mx.sym.var('x'), act_type='tanh')
    x = np.ones((2, 3), np.float32)

    def step(ctx):
        exe = net.simple_bind(ctx, x=(2, 3))
        exe.arg_dict['x'][:] = x
        exe.forward(is_train=True)
        exe.backward([np.ones((2, 3), np.float32)])
    step(mx.gpu())
    correct = Activation.backward

    def np_asarray_in_backward(self, xp, saved, out_grads, needs_grad):
        np.asarray(saved)                             # an implicit device-to-host copy
        return correct(self, xp, saved, out_grads, needs_grad)
    monkeypatch.setattr(Activation, 'backward', np_asarray_in_backward)
    with pytest.raises(TypeError, match='Implicit conversion to a NumPy array'):
        step(mx.gpu())
    monkeypatch.setattr(Activation, 'backward', correct)

    def a_function_cupy_lacks(self, xp, saved, out_grads, needs_grad):
        xp.spacing(saved)                             # NumPy has it, CuPy does not
        return correct(self, xp, saved, out_grads, needs_grad)
    monkeypatch.setattr(Activation, 'backward', a_function_cupy_lacks)
    with pytest.raises(AttributeError, match='spacing'):
        step(mx.gpu())
    monkeypatch.setattr(Activation, 'backward', correct)
    exe = net.simple_bind(mx.gpu(1), x=(2, 3))                       # its arrays on GPU 1
    monkeypatch.setattr(mx.Context, 'activate', lambda self: None)   # forget to switch devices
    import fake_cupy
    fake_cupy.cuda.Device(0).use()
    with pytest.raises(ValueError, match='lives on device 1, but the current device is 0'):
        exe.forward(is_train=True)


def test_arrays_are_made_on_the_device_their_context_names():
    """A GPU allocates on its current device: each way of making an array must make its own
    device current first (an array labelled gpu(1) in gpu(0)'s memory is refused at once)."""
    import tinynet.backend as backend
    for make in (lambda ctx: nd.zeros((2, 3), ctx=ctx), lambda ctx: nd.array([1, 2], ctx=ctx),
                 lambda ctx: nd.random.uniform(shape=(2,), ctx=ctx),
                 lambda ctx: nd.arange(3, ctx=ctx), lambda ctx: nd.ones((2,), ctx=ctx) * 2,
                 lambda ctx: nd.ones((2,), ctx=ctx).zeros_like()):
        for device in (1, 0, 1):
            a = make(mx.gpu(device))
            assert a.context == mx.gpu(device) and a.data_array.device.id == device
    with pytest.raises(RuntimeError, match='memory of gpu\\(0\\) cannot be an array on gpu\\(1\\)'):
        mx.gpu(0).activate()
        nd.NDArray(backend.get_array_module(nd.zeros((1,), ctx=mx.gpu(0)).data_array).zeros(2),
                   mx.gpu(1))
