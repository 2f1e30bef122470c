"""mx.onnx: every op exported and run by ONNX's reference evaluator (and onnxruntime when it is
installed) gives tinynet's numbers; ONNX models built with onnx.helper (and by PyTorch when it is
installed) import; round trips; malformed files."""
import os

import numpy as np
import pytest

import tinynet as mx
from conftest import require_extra

onnx = require_extra('onnx', 'onnx')
from onnx import TensorProto, helper, numpy_helper  # noqa: E402
from onnx.reference import ReferenceEvaluator  # noqa: E402

from mnist_lenet import lenet  # noqa: E402
from mnist_mlp import mlp  # noqa: E402


def params_for(net, shape, rng):
    shapes = dict(zip(net.list_arguments(), net.infer_shape(data=shape)[0]))
    aux = dict(zip(net.list_auxiliary_states(), net.infer_shape(data=shape)[2]))
    arg = {n: rng.uniform(-0.5, 0.5, s).astype(np.float32) for n, s in shapes.items()
           if n != 'data' and not n.endswith('_label')}
    aux = {n: (rng.uniform(0.5, 1.5, s) if n.endswith('var') else rng.uniform(-0.5, 0.5, s))
           .astype(np.float32) for n, s in aux.items()}
    return arg, aux


def tinynet_outputs(net, arg, aux, x):
    exe = net.bind(mx.cpu(), args=dict(arg, data=x, **{n: np.zeros(x.shape[0], np.float32)
                                                        for n in net.list_arguments()
                                                        if n.endswith('_label')}),
                   aux_states=aux, grad_req='null')
    return mx.backend.to_numpy(exe.forward(is_train=False)[0])


def runtimes(path):
    """Callables running the ONNX file: the reference evaluator, and onnxruntime if installed."""
    ref = ReferenceEvaluator(path)
    found = [('reference', lambda feed: ref.run(None, feed)[0])]
    try:
        import onnxruntime
        session = onnxruntime.InferenceSession(path, providers=['CPUExecutionProvider'])
        found.append(('onnxruntime', lambda feed: session.run(None, feed)[0]))
    except ImportError:
        pass
    return found


def data(name):
    return mx.sym.var(name)


OP_CASES = {
    'fc': (lambda d: mx.sym.FullyConnected(d, num_hidden=4, name='fc'), (3, 2, 2, 2)),
    'fc no bias, no flatten': (lambda d: mx.sym.FullyConnected(d, num_hidden=4, no_bias=True,
                                                               flatten=False, name='fc'), (3, 5)),
    'fc no flatten': (lambda d: mx.sym.FullyConnected(d, num_hidden=3, flatten=False, name='fc'),
                      (2, 6)),
    'conv': (lambda d: mx.sym.Convolution(d, kernel=(3, 2), num_filter=3, stride=(2, 1),
                                          pad=(1, 0), dilate=(1, 2), name='c'), (2, 2, 9, 8)),
    'conv no bias': (lambda d: mx.sym.Convolution(d, kernel=(3, 3), num_filter=2, no_bias=True,
                                                  name='c'), (1, 1, 6, 6)),
    'max pool': (lambda d: mx.sym.Pooling(d, kernel=(3, 3), stride=(2, 2), pad=(1, 1),
                                          pool_type='max'), (2, 2, 7, 7)),
    'avg pool': (lambda d: mx.sym.Pooling(d, kernel=(2, 2), stride=(2, 2), pool_type='avg'),
                 (2, 3, 6, 6)),
    'avg pool padded': (lambda d: mx.sym.Pooling(d, kernel=(3, 3), stride=(1, 1), pad=(1, 1),
                                                 pool_type='avg'), (1, 2, 5, 5)),
    'global max': (lambda d: mx.sym.Pooling(d, global_pool=True, kernel=(1, 1)), (2, 3, 4, 5)),
    'global avg': (lambda d: mx.sym.Pooling(d, global_pool=True, kernel=(1, 1), pool_type='avg'),
                   (2, 3, 4, 5)),
    'relu sigmoid tanh': (lambda d: mx.sym.Activation(mx.sym.Activation(mx.sym.Activation(
        d, act_type='relu'), act_type='sigmoid'), act_type='tanh'), (2, 5)),
    'softrelu softsign': (lambda d: mx.sym.Activation(mx.sym.Activation(d, act_type='softrelu'),
                                                      act_type='softsign'), (2, 5)),
    'flatten softmax output': (lambda d: mx.sym.SoftmaxOutput(mx.sym.Flatten(d), name='softmax'),
                               (2, 3, 2)),
    'softmax': (lambda d: mx.sym.softmax(d, axis=1), (3, 4)),
    'dropout': (lambda d: mx.sym.Dropout(d, p=0.3), (2, 4)),
    'batch norm': (lambda d: mx.sym.BatchNorm(d, fix_gamma=False, eps=1e-3, name='bn'),
                   (2, 3, 4, 4)),
    'batch norm fixed gamma': (lambda d: mx.sym.BatchNorm(d, name='bn'), (2, 3, 4, 4)),
    'every unary function with an ONNX twin': (lambda d: sum(
        getattr(mx.sym, f)(mx.sym.tanh(d) * 0.9) if f in ('arcsin', 'arccos', 'arctanh') else
        getattr(mx.sym, f)(d * d + 1.5) if f in ('arccosh', 'log', 'sqrt', 'reciprocal') else
        getattr(mx.sym, f)(mx.sym.tanh(d)) for f in sorted(mx.onnx.export.UNARY)), (3, 4)),
}


@pytest.mark.parametrize('case', sorted(OP_CASES))
def test_every_op_exported_gives_tinynets_numbers(tmp_path, rng, case):
    make, shape = OP_CASES[case]
    net = make(data('data'))
    arg, aux = params_for(net, shape, rng)
    x = rng.standard_normal(shape).astype(np.float32)
    path = mx.onnx.export_model(net, dict(arg, **aux), [shape], np.float32,
                                str(tmp_path / 'op.onnx'))
    expected = tinynet_outputs(net, arg, aux, x)
    for name, run in runtimes(path):
        np.testing.assert_allclose(run({'data': x}), expected, rtol=1e-5, atol=1e-5, err_msg=name)


@pytest.mark.parametrize('case', sorted(OP_CASES))
def test_every_op_exported_imports_back(tmp_path, rng, case):
    """What export writes, import reads back to the same numbers, but for pick: its ONNX form
    (GatherElements) is refused by name."""
    make, shape = OP_CASES[case]
    net = make(data('data'))
    arg, aux = params_for(net, shape, rng)
    path = mx.onnx.export_model(net, dict(arg, **aux), [shape], np.float32,
                                str(tmp_path / 'op.onnx'))
    if 'pick' in case:
        with pytest.raises(ValueError, match="\\(Cast\\) is not an op tinynet can import"):
            mx.onnx.import_model(path)
        return
    sym, arg2, aux2 = mx.onnx.import_model(path)
    x = rng.standard_normal(shape).astype(np.float32)
    exe = sym.bind(mx.cpu(), args=dict(arg2, data=x), aux_states=aux2, grad_req='null')
    np.testing.assert_allclose(exe.forward()[0], tinynet_outputs(net, arg, aux, x), rtol=1e-5,
                               atol=1e-5)


def test_a_hybridized_block_with_array_ops_exports_with_a_dynamic_batch(tmp_path, rng):
    from test_gluon import ArrayOpsNet
    net = ArrayOpsNet()
    net.initialize(mx.init.Xavier())
    net.hybridize()
    net(mx.nd.ones((1, 1, 6, 6)))
    net.export(str(tmp_path / 'ops'), epoch=0)
    path = mx.onnx.export_model(str(tmp_path / 'ops-symbol.json'),
                                str(tmp_path / 'ops-0000.params'), [(1, 1, 6, 6)],
                                onnx_file_path=str(tmp_path / 'ops.onnx'), dynamic=True)
    for batch in (1, 4):
        x = rng.standard_normal((batch, 1, 6, 6)).astype(np.float32)
        for name, run in runtimes(path):
            np.testing.assert_allclose(run({'data': x}), net(mx.nd.array(x)).asnumpy(),
                                       rtol=1e-4, atol=1e-5, err_msg=name)


def test_import_of_arithmetic_between_arrays_and_constants(tmp_path, rng):
    """A residual sum of two computed arrays, a per-channel constant, a scalar, reductions: what
    PyTorch writes for x + f(x), x * scale, 1 - x and x.mean((2, 3))."""
    inits = {'w': rng.standard_normal((2, 1, 3, 3)), 'scale': rng.uniform(0.5, 1.5, (1, 2, 1, 1)),
             'one': np.array(1.0), 'axes': np.array([2, 3], dtype=np.int64),
             'lo': np.array(-0.5), 'two': np.array(2.0)}
    nodes = [
        helper.make_node('Conv', ['x', 'w'], ['c'], name='conv', kernel_shape=[3, 3],
                         pads=[1, 1, 1, 1]),
        helper.make_node('Relu', ['c'], ['r'], name='relu'),
        helper.make_node('Add', ['r', 'x'], ['res'], name='residual'),
        helper.make_node('Mul', ['res', 'scale'], ['m'], name='scale'),
        helper.make_node('Sub', ['one', 'm'], ['s'], name='one_minus'),
        helper.make_node('Pow', ['s', 'two'], ['p'], name='square'),
        helper.make_node('Max', ['p', 's'], ['mx'], name='max'),
        helper.make_node('Clip', ['mx', 'lo', ''], ['cl'], name='clip'),
        helper.make_node('Div', ['cl', 'res'], ['d'], name='div'),
        helper.make_node('ReduceSum', ['d', 'axes'], ['rs'], name='rsum', keepdims=0),
        helper.make_node('ReduceMean', ['p'], ['rm'], name='rmean', axes=[2, 3], keepdims=0),
        helper.make_node('Sub', ['rs', 'rm'], ['diff'], name='diff'),
        helper.make_node('Neg', ['diff'], ['neg'], name='neg'),
        helper.make_node('Reshape', ['neg', 'shape'], ['y'], name='reshape'),
    ]
    inits['shape'] = np.array([0, -1], dtype=np.int64)
    path = helper_model(nodes, inits, out_shape=[2, 2], tmp_path=tmp_path)
    sym, arg, aux = mx.onnx.import_model(path)
    assert sorted(arg) == ['conv_weight', 'scale_const1']     # 'one', 'two', 'lo': scalars
    x = rng.standard_normal((2, 1, 6, 6)).astype(np.float32)
    x[np.abs(x) < 0.1] = 0.5                                   # no division by nearly zero
    expected = ReferenceEvaluator(path).run(None, {'x': x})[0]
    exe = sym.bind(mx.cpu(), args=dict(arg, x=x), grad_req='null')
    np.testing.assert_allclose(exe.forward()[0], expected, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize('make, shape', [(mlp, (1, 1, 28, 28)), (lenet, (1, 1, 28, 28))])
def test_the_tutorial_networks_with_a_dynamic_batch(tmp_path, rng, make, shape):
    net = make()
    arg, aux = params_for(net, (2, 1, 28, 28), rng)
    path = mx.onnx.export_model(net, (arg, aux), [shape], onnx_file_path=str(tmp_path / 'n.onnx'),
                                dynamic=True)
    model = onnx.load(path)
    assert model.graph.input[0].type.tensor_type.shape.dim[0].dim_param == 'batch'
    assert [i.name for i in model.graph.input] == ['data']          # the label is dropped
    for batch in (1, 5):
        x = rng.uniform(0, 1, (batch, 1, 28, 28)).astype(np.float32)
        for name, run in runtimes(path):
            np.testing.assert_allclose(run({'data': x}), tinynet_outputs(net, arg, aux, x),
                                       rtol=1e-5, atol=1e-6, err_msg=name)


def test_export_then_import_then_export_round_trips(tmp_path, rng):
    net = mx.sym.SoftmaxOutput(mx.sym.FullyConnected(mx.sym.BatchNorm(mx.sym.Convolution(
        data('data'), kernel=(3, 3), num_filter=4, name='c'), fix_gamma=False, name='bn'),
        num_hidden=5, name='fc'), name='softmax')
    arg, aux = params_for(net, (2, 1, 6, 6), rng)
    first = mx.onnx.export_model(net, dict(arg, **aux), [(1, 1, 6, 6)],
                                 onnx_file_path=str(tmp_path / 'a.onnx'), dynamic=True)
    sym, arg2, aux2 = mx.onnx.import_model(first)
    assert sorted(aux2) == ['bn_moving_mean', 'bn_moving_var']
    x = rng.standard_normal((3, 1, 6, 6)).astype(np.float32)
    expected = tinynet_outputs(net, arg, aux, x)
    np.testing.assert_allclose(tinynet_outputs(sym, arg2, aux2, x), expected, rtol=1e-5,
                               atol=1e-6)
    second = mx.onnx.export_model(sym, (arg2, aux2), [(1, 1, 6, 6)],
                                  onnx_file_path=str(tmp_path / 'b.onnx'), dynamic=True)
    np.testing.assert_allclose(ReferenceEvaluator(second).run(None, {'data': x})[0], expected,
                               rtol=1e-5, atol=1e-6)
    assert mx.contrib.onnx.import_model is mx.onnx.import_model
    import tinynet.contrib.onnx as onnx_mxnet        # MXNet's tutorials import it so
    assert onnx_mxnet.export_model is mx.onnx.export_model


def helper_model(nodes, inits, in_shape=(2, 1, 6, 6), out_shape=None, name='model.onnx',
                 tmp_path=None):
    graph = helper.make_graph(
        nodes, 'g', [helper.make_tensor_value_info('x', TensorProto.FLOAT, list(in_shape))],
        [helper.make_tensor_value_info(nodes[-1].output[0], TensorProto.FLOAT, out_shape)],
        [numpy_helper.from_array(v.astype(np.float32) if v.dtype.kind == 'f' else v, k)
         for k, v in inits.items()])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', 15)])
    model.ir_version = 8
    path = str(tmp_path / name)
    onnx.save(model, path)
    return path


def test_import_of_a_model_built_with_onnx_helper(tmp_path, rng):
    inits = {'w': rng.standard_normal((3, 1, 3, 3)), 'b': rng.standard_normal(3),
             'shape': np.array([0, -1], dtype=np.int64), 'fw': rng.standard_normal((27, 4)),
             'fb': rng.standard_normal(4), 'gw': rng.standard_normal((4, 2)),
             'gb': rng.standard_normal(2)}
    nodes = [
        helper.make_node('Conv', ['x', 'w', 'b'], ['c'], name='conv', kernel_shape=[3, 3],
                         pads=[1, 1, 1, 1], strides=[2, 2]),
        helper.make_node('Sigmoid', ['c'], ['s'], name='sig'),
        helper.make_node('AveragePool', ['s'], ['p'], name='pool', kernel_shape=[1, 1]),
        helper.make_node('Identity', ['p'], ['i'], name='id'),
        helper.make_node('Reshape', ['i', 'shape'], ['r'], name='flat'),
        helper.make_node('MatMul', ['r', 'fw'], ['m'], name='mm'),
        helper.make_node('Add', ['m', 'fb'], ['a'], name='bias'),
        helper.make_node('Tanh', ['a'], ['t'], name='tanh'),
        helper.make_node('Gemm', ['t', 'gw', 'gb'], ['g'], name='gemm'),
        helper.make_node('Softmax', ['g'], ['y'], name='softmax', axis=1),
    ]
    path = helper_model(nodes, inits, out_shape=[2, 2], tmp_path=tmp_path)
    sym, arg, aux = mx.onnx.import_model(path)
    x = rng.standard_normal((2, 1, 6, 6)).astype(np.float32)
    expected = ReferenceEvaluator(path).run(None, {'x': x})[0]
    exe = sym.bind(mx.cpu(), args=dict(arg, x=x), grad_req='null')
    np.testing.assert_allclose(exe.forward()[0], expected, rtol=1e-5, atol=1e-6)
    mx.viz.print_summary(sym, shape={'x': (1, 1, 6, 6)})             # the learner's tools work


@pytest.mark.parametrize('node, pattern', [
    (helper.make_node('LRN', ['x'], ['y'], name='norm', size=3), "node 'norm' \\(LRN\\) is not an "
                                                                 "op tinynet can import"),
    (helper.make_node('MaxPool', ['x'], ['y'], name='pool', kernel_shape=[2, 2],
                      auto_pad='SAME_UPPER'), "node 'pool' \\(MaxPool\\) uses auto_pad"),
    (helper.make_node('Flatten', ['x'], ['y'], name='f', axis=2), "'f' \\(Flatten\\) flattens"),
])
def test_an_unsupported_op_or_attribute_names_the_node(tmp_path, node, pattern):
    path = helper_model([node], {}, out_shape=['n', 1, 'h', 'w'], tmp_path=tmp_path)
    with pytest.raises(ValueError, match='import_model: .*' + pattern):
        mx.onnx.import_model(path)


def test_empty_truncated_and_foreign_files_are_named(tmp_path, rng):
    empty = tmp_path / 'empty.onnx'
    empty.write_bytes(b'')
    with pytest.raises(ValueError, match='empty.onnx is empty'):
        mx.onnx.import_model(str(empty))
    net = lenet()
    arg, aux = params_for(net, (1, 1, 28, 28), rng)
    good = mx.onnx.export_model(net, arg, [(1, 1, 28, 28)], onnx_file_path=str(tmp_path / 'g.onnx'))
    truncated = tmp_path / 'cut.onnx'
    truncated.write_bytes(open(good, 'rb').read()[:5000])
    with pytest.raises(ValueError, match='cut.onnx is not a valid ONNX model'):
        mx.onnx.import_model(str(truncated))
    text = tmp_path / 'notes.onnx'
    text.write_text('hello')
    with pytest.raises(ValueError, match='notes.onnx is not a valid ONNX model'):
        mx.onnx.import_model(str(text))


def test_the_command_line_exports_a_checkpoint_and_imports_it_back(tmp_path, rng, capsys):
    from tinynet.onnx.__main__ import main
    net = lenet()
    arg, aux = params_for(net, (1, 1, 28, 28), rng)
    prefix = str(tmp_path / 'lenet')
    mx.model.save_checkpoint(prefix, 3, net, arg, aux)
    out = str(tmp_path / 'lenet.onnx')
    assert main(['export', '--prefix', prefix, '--epoch', '3', out]) == 0
    assert 'batch axis dynamic' in capsys.readouterr().out
    assert main(['import', out, '--prefix', str(tmp_path / 'back')]) == 0
    mod = mx.mod.Module.load(str(tmp_path / 'back'), 0, label_names=None)
    x = rng.uniform(0, 1, (2, 1, 28, 28)).astype(np.float32)
    mod.bind([('data', x.shape)], for_training=False)
    np.testing.assert_allclose(mod.predict(x), tinynet_outputs(net, arg, aux, x), rtol=1e-5,
                               atol=1e-6)
    assert main(['export', '--prefix', str(tmp_path / 'missing'), '--epoch', '1', out]) == 2
    assert 'no such file' in capsys.readouterr().err


def test_a_lenet_exported_from_pytorch_gives_pytorchs_outputs(tmp_path, rng):
    torch = pytest.importorskip('torch')
    nn = torch.nn
    model = nn.Sequential(nn.Conv2d(1, 20, 5), nn.Tanh(), nn.MaxPool2d(2, 2), nn.Conv2d(20, 50, 5),
                          nn.Tanh(), nn.MaxPool2d(2, 2), nn.Flatten(), nn.Linear(800, 500),
                          nn.Tanh(), nn.Linear(500, 10)).eval()
    path = str(tmp_path / 'torch_lenet.onnx')
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        torch.onnx.export(model, torch.zeros(1, 1, 28, 28), path, dynamo=False,
                          input_names=['data'], output_names=['logits'], opset_version=13,
                          dynamic_axes={'data': {0: 'batch'}})
    sym, arg, aux = mx.onnx.import_model(path)
    x = rng.uniform(0, 1, (4, 1, 28, 28)).astype(np.float32)
    with torch.no_grad():
        expected = model(torch.from_numpy(x)).numpy()
    exe = sym.bind(mx.cpu(), args=dict(arg, data=x), grad_req='null')
    np.testing.assert_allclose(exe.forward()[0], expected, rtol=1e-4, atol=1e-5)
    # the learner's tools on it: the layer table, and Monitor through a Module
    assert 'Total params: 431080' in mx.viz.summary(sym, shape={'data': (1, 1, 28, 28)})
    mod = mx.mod.Module(sym, label_names=None)
    mod.bind([('data', x.shape)], for_training=False)
    mod.set_params(arg, aux)
    monitor = mx.mon.Monitor(1, pattern='.*weight')
    mod.install_monitor(monitor)
    monitor.tic()
    mod.forward(mx.io.DataBatch([x]), is_train=False)
    assert len(monitor.toc()) == 4 and os.path.exists(path)
    # and tinynet.explain, from the checkpoint `python -m tinynet.onnx import` would write
    from tinynet.explain import Explainer
    mx.model.save_checkpoint(str(tmp_path / 'imported'), 0, sym, arg, aux)
    answer = Explainer(str(tmp_path / 'imported'), 0).run(x[0, 0])
    np.testing.assert_allclose(answer['layers'][-1]['values'], expected[0], rtol=1e-3, atol=1e-4)


def test_a_residual_network_exported_from_pytorch_gives_pytorchs_outputs(tmp_path, rng):
    """x + f(x), a per-channel scale, 1 - x and a global mean: the arithmetic PyTorch models
    write, which tinynet used to refuse ('adds two computed arrays')."""
    torch = pytest.importorskip('torch')
    nn = torch.nn

    class Residual(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv1, self.conv2 = nn.Conv2d(1, 4, 3, padding=1), nn.Conv2d(4, 4, 3, padding=1)
            self.scale = nn.Parameter(torch.rand(1, 4, 1, 1) + 0.5)
            self.fc = nn.Linear(4, 3)

        def forward(self, x):
            h = torch.relu(self.conv1(x))
            h = h + torch.relu(self.conv2(h)) * self.scale
            h = (1 - torch.sigmoid(h)) / 2
            return self.fc(h.mean((2, 3)))

    model = Residual().eval()
    path = str(tmp_path / 'residual.onnx')
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        torch.onnx.export(model, torch.zeros(1, 1, 8, 8), path, dynamo=False,
                          input_names=['data'], opset_version=13,
                          dynamic_axes={'data': {0: 'batch'}})
    sym, arg, aux = mx.onnx.import_model(path)
    x = rng.standard_normal((3, 1, 8, 8)).astype(np.float32)
    with torch.no_grad():
        expected = model(torch.from_numpy(x)).numpy()
    exe = sym.bind(mx.cpu(), args=dict(arg, data=x), grad_req='null')
    np.testing.assert_allclose(exe.forward()[0], expected, rtol=1e-4, atol=1e-5)


def small_model(tmp_path, nodes, inits, in_shape, opset=15, name='m.onnx', inputs=None):
    graph = helper.make_graph(
        nodes, 'g', inputs or [helper.make_tensor_value_info('x', TensorProto.FLOAT,
                                                             list(in_shape))],
        [helper.make_tensor_value_info(nodes[-1].output[0], TensorProto.FLOAT,
                                       ['d%d' % i for i in range(len(in_shape or (0, 0)))])],
        [numpy_helper.from_array(v, k) for k, v in inits.items()])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', opset)])
    model.ir_version = 7
    path = str(tmp_path / name)
    onnx.save(model, path)
    return path


def imported_outputs(path, feed):
    sym, arg, aux = mx.onnx.import_model(path)
    exe = sym.bind(mx.cpu(), args=dict(arg, **feed), aux_states=aux, grad_req='null')
    return exe.forward()[0]


@pytest.mark.parametrize('op', ['Softmax', 'LogSoftmax'])
def test_softmax_before_opset_13_flattens_from_its_axis_or_is_refused(tmp_path, rng, op):
    x = rng.standard_normal((2, 3, 4)).astype(np.float32)
    # axis 2 of a rank-3 input is the last: the same numbers as onnxruntime's
    last = small_model(tmp_path, [helper.make_node(op, ['x'], ['y'], name='sm', axis=2)], {},
                       x.shape, opset=11, name='last.onnx')
    for name, run in runtimes(last):
        np.testing.assert_allclose(imported_outputs(last, {'x': x}), run({'x': x}), rtol=1e-5,
                                   atol=1e-6, err_msg=name)
    # the default axis 1 flattens (3, 4) into one softmax of 12: refused, never computed per axis
    flat = small_model(tmp_path, [helper.make_node(op, ['x'], ['y'], name='sm')], {}, x.shape,
                       opset=11, name='flat.onnx')
    with pytest.raises(ValueError, match=r"node 'sm' \(%s\) has axis 1 at opset 11" % op):
        mx.onnx.import_model(flat)
    # from opset 13 the default is the last axis
    new = small_model(tmp_path, [helper.make_node(op, ['x'], ['y'], name='sm')], {}, x.shape,
                      opset=13, name='new.onnx')
    for name, run in runtimes(new):
        np.testing.assert_allclose(imported_outputs(new, {'x': x}), run({'x': x}), rtol=1e-5,
                                   atol=1e-6, err_msg=name)


def test_a_bias_that_broadcasts_over_rows_is_refused_and_a_scalar_one_is_imported(tmp_path,
                                                                                   rng):
    x = rng.standard_normal((3, 4)).astype(np.float32)
    w = rng.standard_normal((4, 3)).astype(np.float32)
    rows = small_model(tmp_path, [helper.make_node('Gemm', ['x', 'w', 'c'], ['y'], name='g')],
                       {'w': w, 'c': rng.standard_normal((3, 1)).astype(np.float32)}, x.shape,
                       name='rows.onnx')
    with pytest.raises(ValueError, match=r"node 'g' \(Gemm\) adds a bias of shape \(3, 1\)"):
        mx.onnx.import_model(rows)
    added = small_model(tmp_path, [helper.make_node('MatMul', ['x', 'w'], ['m'], name='mm'),
                                   helper.make_node('Add', ['m', 'c'], ['y'], name='add')],
                        {'w': w, 'c': rng.standard_normal((3, 1)).astype(np.float32)}, x.shape,
                        name='added.onnx')
    with pytest.raises(ValueError, match=r"node 'add' \(Add\) adds a bias of shape \(3, 1\)"):
        mx.onnx.import_model(added)
    scalar = small_model(tmp_path, [helper.make_node('Gemm', ['x', 'w', 'c'], ['y'], name='g')],
                         {'w': w, 'c': np.array([0.25], np.float32)}, x.shape, name='s.onnx')
    for name, run in runtimes(scalar):
        np.testing.assert_allclose(imported_outputs(scalar, {'x': x}), run({'x': x}), rtol=1e-5,
                                   atol=1e-6, err_msg=name)


def test_an_input_named_like_a_derived_parameter_keeps_its_place(tmp_path, rng):
    x = rng.standard_normal((2, 4)).astype(np.float32)
    w = rng.standard_normal((4, 3)).astype(np.float32)
    inputs = [helper.make_tensor_value_info('g_weight', TensorProto.FLOAT, [2, 4])]
    path = small_model(tmp_path, [helper.make_node('Gemm', ['g_weight', 'w'], ['y'], name='g')],
                       {'w': w}, None, inputs=inputs)
    sym, arg, _ = mx.onnx.import_model(path)
    assert 'g_weight' in sym.list_arguments() and 'g_weight' not in arg
    np.testing.assert_allclose(imported_outputs(path, {'g_weight': x}), x @ w, rtol=1e-5)


def test_odd_domains_opsets_constants_and_reshapes_get_clear_errors(tmp_path):
    odd = small_model(tmp_path, [helper.make_node('Relu', ['x'], ['y'], name='r',
                                                  domain='com.example')], {}, (2, 3),
                      name='odd.onnx')
    graph = onnx.load(odd)
    graph.opset_import.append(helper.make_opsetid('com.example', 1))
    onnx.save(graph, odd)
    with pytest.raises(ValueError, match=r"node 'r' \(Relu\) is of domain 'com.example'"):
        mx.onnx.import_model(odd)
    future = small_model(tmp_path, [helper.make_node('Relu', ['x'], ['y'], name='r')], {},
                         (2, 3), opset=99, name='future.onnx')
    with pytest.raises(ValueError, match='uses opset 99; tinynet imports opsets 7 to 21'):
        mx.onnx.import_model(future)
    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    const = small_model(tmp_path, [helper.make_node('Constant', [], ['k'], name='k',
                                                    value_float=2.5),
                                   helper.make_node('Mul', ['x', 'k'], ['y'], name='mul')], {},
                        x.shape, name='const.onnx')
    np.testing.assert_allclose(imported_outputs(const, {'x': x}), x * 2.5)
    bad_shape = small_model(tmp_path, [helper.make_node('Reshape', ['x', 's'], ['y'], name='rs')],
                            {'s': np.array([[2, 3]], np.int64)}, x.shape, name='rs.onnx')
    with pytest.raises(ValueError, match=r"node 'rs' \(Reshape\) has shape \[\[2, 3\]\]"):
        mx.onnx.import_model(bad_shape)
