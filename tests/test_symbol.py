import json

import numpy as np
import pytest

import tinynet as mx
from mnist_lenet import lenet


def test_automatic_names_count_per_op_type_across_the_process():
    before = mx.sym.FullyConnected(mx.sym.var('data'), num_hidden=2).name
    n = int(before[len('fullyconnected'):])
    net = lenet()
    args = net.list_arguments()
    assert 'fullyconnected%d_weight' % (n + 1) in args and 'fullyconnected%d_bias' % (n + 2) in args
    assert args[0] == 'data' and args[-1] == 'softmax_label'
    assert mx.sym.Activation(mx.sym.var('x'), act_type='relu').name.startswith('activation')
    assert mx.sym.flatten(mx.sym.var('x')).name.startswith('flatten')


def test_list_arguments_is_depth_first_input_order():
    data = mx.sym.var('data')
    fc1 = mx.sym.FullyConnected(data=data, num_hidden=128, name='fc1')
    act = mx.sym.Activation(data=fc1, act_type='relu', name='relu1')
    fc2 = mx.sym.FullyConnected(data=act, num_hidden=10, name='fc2')
    net = mx.sym.SoftmaxOutput(data=fc2, name='softmax')
    assert net.list_arguments() == ['data', 'fc1_weight', 'fc1_bias', 'fc2_weight', 'fc2_bias',
                                    'softmax_label']
    assert net.list_outputs() == ['softmax_output']
    assert net.list_auxiliary_states() == []
    internals = net.get_internals()
    assert 'fc1_output' in internals.list_outputs() and 'relu1_output' in internals.list_outputs()
    assert internals['fc1_output'].list_arguments() == ['data', 'fc1_weight', 'fc1_bias']


def test_given_weight_and_no_bias():
    w = mx.sym.var('shared_w')
    fc = mx.sym.FullyConnected(data=mx.sym.var('x'), weight=w, num_hidden=3, no_bias=True, name='fc')
    assert fc.list_arguments() == ['x', 'shared_w']


def test_infer_shape_lenet():
    arg_shapes, out_shapes, aux_shapes = lenet().infer_shape(data=(100, 1, 28, 28))
    assert arg_shapes == [(100, 1, 28, 28), (20, 1, 5, 5), (20,), (50, 20, 5, 5), (50,),
                          (500, 800), (500,), (10, 500), (10,), (100,)]
    assert out_shapes == [(100, 10)] and aux_shapes == []


def test_infer_shape_incomplete_returns_nones():
    net = mx.sym.FullyConnected(mx.sym.var('data'), num_hidden=3)
    assert net.infer_shape() == (None, None, None)


def test_infer_shape_unknown_name_is_an_error():
    with pytest.raises(ValueError, match="'dta' is not an argument"):
        lenet().infer_shape(dta=(1, 1, 28, 28))


def test_json_round_trip_keeps_graph_names_and_attributes(tmp_path):
    net = lenet()
    text = net.tojson()
    graph = json.loads(text)
    assert graph['nodes'][0] == {'op': 'null', 'name': 'data', 'inputs': []}
    convs = [n for n in graph['nodes'] if n['op'] == 'Convolution']
    assert convs[0]['attrs'] == {'kernel': '(5, 5)', 'num_filter': '20'}
    again = mx.sym.load_json(text)
    assert again.list_arguments() == net.list_arguments()
    assert again.infer_shape(data=(2, 1, 28, 28)) == net.infer_shape(data=(2, 1, 28, 28))
    assert again.tojson() == text
    path = tmp_path / 'net.json'
    net.save(str(path))
    assert mx.sym.load(str(path)).tojson() == text


def test_round_tripped_symbol_computes_the_same(rng):
    net = lenet()
    again = mx.sym.load_json(net.tojson())
    shapes = dict(zip(net.list_arguments(), net.infer_shape(data=(2, 1, 28, 28))[0]))
    args = {n: rng.standard_normal(s).astype(np.float32) * 0.1 for n, s in shapes.items()}
    args['softmax_label'] = np.array([1, 2], dtype=np.float32)
    a = net.bind(mx.cpu(), args=args).forward()[0]
    b = again.bind(mx.cpu(), args=args).forward()[0]
    np.testing.assert_array_equal(a, b)


def test_load_json_rejects_unknown_ops_and_garbage():
    with pytest.raises(ValueError, match='not a symbol JSON'):
        mx.sym.load_json('{"foo": 1}')
    bad = {'nodes': [{'op': 'null', 'name': 'x', 'inputs': []},
                     {'op': 'LRN', 'name': 'lrn', 'inputs': [[0, 0, 0]]}], 'heads': [[1, 0, 0]]}
    with pytest.raises(ValueError, match="op 'LRN'"):
        mx.sym.load_json(json.dumps(bad))


def test_var_shape_attribute_is_used_by_infer_shape():
    data = mx.sym.var('data', shape=(4, 6))
    net = mx.sym.FullyConnected(data, num_hidden=2, name='fc')
    assert net.infer_shape()[0] == [(4, 6), (2, 6), (2,)]


def test_inputs_must_be_symbols_and_single_output():
    with pytest.raises(TypeError, match="'data' must be a Symbol"):
        mx.sym.FullyConnected(data=np.ones(3), num_hidden=2, name='fc')
    group = mx.sym.Group([mx.sym.var('a'), mx.sym.var('b')])
    with pytest.raises(ValueError, match='one output'):
        mx.sym.Activation(data=group, act_type='relu')
    with pytest.raises(ValueError, match="bias.*takes only"):
        mx.sym.FullyConnected(data=mx.sym.var('x'), bias=mx.sym.var('b'), num_hidden=2,
                              no_bias=True, name='fc')


def test_two_variables_of_one_name_are_one_argument(rng):
    """mx.sym.var('data') written twice is one input: listed once, fed once, and both uses'
    gradients summed (the second leaf used to overwrite the first one's gradient)."""
    net = mx.sym.Group([mx.sym.Activation(mx.sym.var('data'), act_type='tanh'),
                        mx.sym.Activation(mx.sym.var('data'), act_type='relu')])
    assert net.list_arguments() == ['data'] and net.list_inputs() == ['data']
    x = rng.uniform(-1, 1, (2, 3))
    heads = [rng.uniform(-1, 1, (2, 3)), rng.uniform(-1, 1, (2, 3))]
    exe = net.bind(mx.cpu(), args={'data': x}, args_grad={'data': np.zeros_like(x)})
    exe.forward(is_train=True)
    exe.backward(heads)
    np.testing.assert_allclose(exe.grad_dict['data'],
                               heads[0] * (1 - np.tanh(x) ** 2) + heads[1] * (x > 0), rtol=1e-12)


def test_softmax_is_written_with_mxnets_op_names():
    """MXNet reads an op called "Softmax" as the old name of SoftmaxOutput, so the function is
    written as softmax / log_softmax; tinynet reads all three (its older files say "Softmax")."""
    data = mx.sym.var('data')
    for make, name, log in ((lambda d: mx.sym.softmax(d, axis=1), 'softmax', False),
                            (lambda d: mx.sym.log_softmax(d, axis=0), 'log_softmax', True)):
        text = make(data).tojson()
        node = json.loads(text)['nodes'][1]
        assert node['op'] == name and 'log' not in node.get('attrs', {})
        assert mx.sym.load_json(text).output_nodes[0].op.log is log
    old = mx.sym.softmax(data).tojson().replace('"softmax"', '"Softmax"')
    loaded = mx.sym.load_json(old).output_nodes[0].op
    assert type(loaded).__name__ == 'Softmax' and not loaded.log


def test_elementwise_ops_infer_an_unknown_input_from_the_other_as_mxnet():
    """MXNet 1.9.1's test_symbol_infer_shape_var and test_symbol_infer_shape (run there): an
    elementwise op gives its unknown input the known one's shape; infer_shape_partial leaves
    what nothing determines as ()."""
    a, b = mx.sym.var('a', shape=(2, 3)), mx.sym.var('b')
    c = mx.sym.elemwise_add(a, b)
    assert c.infer_shape() == ([(2, 3), (2, 3)], [(2, 3)], [])
    assert c.infer_shape(a=(5, 6)) == ([(5, 6), (5, 6)], [(5, 6)], [])
    x2h = mx.sym.FullyConnected(mx.sym.var('data'), name='x2h', num_hidden=128)
    h2h = mx.sym.FullyConnected(mx.sym.var('prevstate'), name='h2h', num_hidden=128)
    out = mx.sym.Activation(mx.sym.elemwise_add(x2h, h2h), act_type='relu')
    assert out.infer_shape(data=(10, 64)) == (None, None, None)
    arg, outs, _ = out.infer_shape_partial(data=(10, 64))
    shapes = dict(zip(out.list_arguments(), arg))
    assert shapes['x2h_weight'] == (128, 64) and shapes['h2h_weight'] == () and outs == [(10, 128)]
    arg, _, _ = out.infer_shape(data=(10, 64), prevstate=outs[0])
    assert dict(zip(out.list_arguments(), arg))['h2h_weight'] == (128, 128)


def test_automatic_names_skip_names_given_explicitly():
    """MXNet's test_hinge_loss names Activations 'relu1' and 'relu2', then a loss adds an
    automatic relu: it was named 'relu1' too, and the graph was refused for two layers of one name."""
    with mx.name.NameManager():
        act = mx.sym.Activation(mx.sym.var('data'), act_type='relu', name='relu0')
        auto = mx.sym.relu(act)
        assert auto.name == 'relu1'
        assert mx.sym.relu(mx.sym.Activation(auto, act_type='relu', name='relu2')).name == 'relu3'


def test_infer_shape_warns_naming_what_it_cannot_decide():
    """As MXNet 1.9.1: None for all three lists, and a warning naming the arguments."""
    fc = mx.sym.FullyConnected(mx.sym.var('d'), num_hidden=3, name='fc')
    with pytest.warns(UserWarning, match='Cannot decide shape .*d, fc_bias'):
        assert fc.infer_shape(fc_weight=(3, 4)) == (None, None, None)
    assert fc.infer_shape_partial(fc_weight=(3, 4))[0] == [(), (3, 4), ()]


def test_split_symbol_and_ndarray_eval_and_bool():
    """split (SliceChannel): equal parts along an axis, as NumPy's split, the gradient of each
    part back into its place; a grouped symbol (one node per part) that survives JSON;
    Symbol.eval binds and runs; bool(symbol) is MXNet's NotImplementedForSymbol."""
    x = np.arange(24, dtype=np.float64).reshape(2, 3, 4)
    parts = mx.nd.split(mx.nd.array(x, dtype='float64'), num_outputs=3, axis=1,
                        squeeze_axis=True)
    for got, want in zip(parts, np.split(x, 3, axis=1)):
        np.testing.assert_array_equal(got.asnumpy(), want[:, 0])
    data = mx.nd.array(x, dtype='float64')
    data.attach_grad()
    with mx.autograd.record():
        a, b = mx.nd.split(data, num_outputs=2, axis=2)
        (a * 2 + b * 3).sum().backward()
    np.testing.assert_array_equal(data.grad.asnumpy()[..., :2], 2)
    np.testing.assert_array_equal(data.grad.asnumpy()[..., 2:], 3)
    group = mx.sym.split(mx.sym.var('x'), num_outputs=2, axis=2)
    assert len(group.list_outputs()) == 2
    again = mx.sym.load_json(group.tojson())
    outs = again.eval(ctx=mx.cpu(), x=mx.nd.array(x, dtype='float64'))
    for got, want in zip(outs, np.split(x, 2, axis=2)):
        np.testing.assert_array_equal(got.asnumpy(), want)
    with pytest.raises(mx.base.NotImplementedForSymbol):
        bool(group)
    with pytest.raises(mx.base.InvalidArgumentError, match='does not divide'):
        mx.nd.split(mx.nd.ones((2, 5)), num_outputs=3)


INFER_TYPE_SCRIPT = r'''
import json, sys
import numpy as np
mx = __import__(sys.argv[1])
sym = mx.sym
out = {}
data = sym.Variable('data')
mlp = sym.SoftmaxOutput(sym.FullyConnected(sym.Cast(data, dtype='float32'), num_hidden=8,
                                           name='fc1'), name='softmax')
names = lambda ts: None if ts is None else [None if t is None else np.dtype(t).name for t in ts]
out['cast mlp'] = [names(t) for t in mlp.infer_type(data=np.float16)]
out['cast mlp partial'] = [names(t) for t in mlp.infer_type_partial()]
net = sym.FullyConnected(sym.relu(data), num_hidden=4, name='fc')
out['fc float64'] = [names(t) for t in net.infer_type(data=np.float64)]
out['fc nothing'] = [names(t) for t in net.infer_type()]
emb = sym.Embedding(sym.Variable('idx'), input_dim=10, output_dim=3, name='emb')
out['embedding'] = [names(t) for t in emb.infer_type(idx=np.int32)]
hot = sym.one_hot(sym.Variable('i'), depth=4, dtype='float64')
out['one_hot'] = [names(t) for t in hot.infer_type(i=np.int32)]
both = sym.Variable('a') + sym.Variable('b')
out['add from b'] = [names(t) for t in both.infer_type(b=np.float16)]
print(json.dumps(out))
'''


def test_infer_type_agrees_with_mxnet():
    """Symbol.infer_type / infer_type_partial: dtypes flow forward and back to the inputs,
    Cast, Embedding and one_hot set their own, None (all three) when not determined."""
    from conftest import assert_agrees, side_by_side
    answers = side_by_side(INFER_TYPE_SCRIPT)
    assert_agrees(answers[1], answers[0], 'infer_type')
    assert answers[1]['cast mlp'][0] == ['float16', 'float32', 'float32', 'float32']
    # positional dtypes (MXNet 1.9.1's own raise "basic_string: _S_construct null not valid")
    net = mx.sym.FullyConnected(mx.sym.Variable('data'), num_hidden=4, name='fc')
    assert net.infer_type(np.float16)[0] == [np.float16] * 3


def test_composing_a_symbol_replaces_its_variables_by_name():
    """net2(fc3_data=net1, name='composed'): what MXNet 1.9.1 gives (run there): outputs
    ['composed_output'], arguments net1's then net2's others; net2 itself unchanged; an unknown
    name and positional symbols are refused."""
    data = mx.sym.Variable('data')
    net1 = mx.sym.FullyConnected(data=data, name='fc1', num_hidden=10)
    net2 = mx.sym.FullyConnected(name='fc3', num_hidden=10)
    net2 = mx.sym.Activation(data=net2, act_type='relu', name='act')
    net2 = mx.sym.FullyConnected(data=net2, name='fc4', num_hidden=20)
    composed = net2(fc3_data=net1, name='composed')
    assert composed.list_outputs() == ['composed_output']
    assert composed.list_arguments() == ['data', 'fc1_weight', 'fc1_bias', 'fc3_weight',
                                         'fc3_bias', 'fc4_weight', 'fc4_bias']
    assert net2.list_arguments() == ['fc3_data', 'fc3_weight', 'fc3_bias', 'fc4_weight',
                                     'fc4_bias']
    assert composed.infer_shape(data=(2, 5))[1] == [(2, 20)]
    assert len(mx.sym.Group([composed, net1])) == 2
    x = np.random.RandomState(0).randn(2, 5)
    args = {n: np.random.RandomState(i).randn(*s) for i, (n, s) in enumerate(
        zip(composed.list_arguments(), composed.infer_shape(data=(2, 5))[0]))}
    args['data'] = x
    got = composed.bind(mx.cpu(), args=dict(args)).forward()[0]
    h = np.maximum((x @ args['fc1_weight'].T + args['fc1_bias']) @ args['fc3_weight'].T
                   + args['fc3_bias'], 0)
    np.testing.assert_allclose(np.asarray(got), h @ args['fc4_weight'].T + args['fc4_bias'],
                               rtol=1e-5)
    with pytest.raises(ValueError, match="'foo' is not a variable"):
        net2(foo=net1)
    with pytest.raises(TypeError, match='by name'):
        net2(net1)


ATTR_SCOPE_SCRIPT = r'''
import json, sys
mx = __import__(sys.argv[1])
out = {}
with mx.AttrScope(ctx_group='dev1', __mood__='x'):
    a = mx.sym.Variable('a')
    b = mx.sym.FullyConnected(a, num_hidden=3, name='fc', __layout__='NC')
    with mx.AttrScope(__mood__='y', lr_mult='0.5'):
        c = mx.sym.relu(b, name='r')
out['var'] = a.list_attr()
out['op'] = b.list_attr()
out['nested'] = c.list_attr()
out['reloaded'] = mx.sym.load_json(c.tojson()).list_attr()
out['weight'] = {k: v for k, v in b.get_internals()['fc_weight'].list_attr().items()
                 if k.startswith('__') or k == 'ctx_group'}
out['outside'] = mx.sym.relu(a, name='later').list_attr()
try:
    with mx.AttrScope(mood='x'):
        mx.sym.FullyConnected(a, num_hidden=3)
    out['unknown'] = 'taken'
except Exception:
    out['unknown'] = 'refused'
try:
    mx.AttrScope(x=1)
    out['number'] = 'taken'
except ValueError:
    out['number'] = 'refused'
print(json.dumps(out))
'''


def test_attr_scope_and_dunder_attributes_agree_with_mxnet():
    """mx.AttrScope (nested, ctx_group and lr_mult also as __key__, another key an op argument)
    and __name__ keyword attributes, on the node, its made variables and through JSON, as
    MXNet 1.9.1 (which also copies the op's own arguments onto the weight: not compared)."""
    from conftest import assert_agrees, side_by_side
    answers = side_by_side(ATTR_SCOPE_SCRIPT)
    assert_agrees(answers[1], answers[0], 'AttrScope')
    assert answers[1]['nested']['__lr_mult__'] == '0.5'


REGRESSION_SCRIPT = r'''
import json, sys
import numpy as np
mx = __import__(sys.argv[1])
rs = np.random.RandomState(0)
out = {}
x = rs.randn(4, 3).astype('float32')
label = rs.randn(4, 3).astype('float32')
label[0, 0] = x[0, 0]                          # MAE's sign where they are equal
for op in ('LinearRegressionOutput', 'LogisticRegressionOutput', 'MAERegressionOutput'):
    for scale in (1.0, 0.5):
        data = mx.sym.Variable('data')
        sym = getattr(mx.sym, op)(data, grad_scale=scale, name='reg')
        exe = sym.simple_bind(mx.cpu(), data=(4, 3))
        exe.arg_dict['data'][:] = x
        exe.arg_dict['reg_label'][:] = label
        exe.forward(is_train=True)
        exe.backward()
        out['%s %s' % (op, scale)] = [exe.outputs[0].asnumpy().ravel().tolist(),
                                      exe.grad_dict['data'].asnumpy().ravel().tolist(),
                                      sym.list_arguments()]
# a (batch, 1) prediction takes a (batch,) label
sym = mx.sym.LinearRegressionOutput(mx.sym.Variable('data'), name='lin')
out['column'] = [list(s) for s in sym.infer_shape(data=(5, 1))[0]]
x1 = mx.nd.array(rs.randn(5, 1))
x1.attach_grad()
with mx.autograd.record():
    y = mx.nd.LinearRegressionOutput(x1, mx.nd.array(rs.randn(5)))
y.backward()
out['nd column'] = [y.asnumpy().ravel().tolist(), x1.grad.asnumpy().ravel().tolist()]
print(json.dumps(out))
'''


def test_regression_outputs_agree_with_mxnet():
    """Linear/Logistic/MAERegressionOutput: outputs and the gradient they send (grad_scale /
    values per sample times out - label, or its sign: -1 where equal), the made label variable,
    a (batch,) label for a (batch, 1) prediction; as MXNet 1.9.1's."""
    from conftest import assert_agrees, side_by_side
    answers = side_by_side(REGRESSION_SCRIPT)
    assert_agrees(answers[1], answers[0], 'regression', rel=1e-5, abs=1e-6)
    assert answers[1]['MAERegressionOutput 1.0'][1][0] == pytest.approx(-1 / 3)


def test_a_linear_regression_module_learns_a_line():
    """Module.fit with LinearRegressionOutput (the classic MXNet regression example)."""
    rng = np.random.RandomState(0)
    x = rng.uniform(-1, 1, (200, 2)).astype('float32')
    y = x @ np.array([2.0, -3.0], dtype='float32') + 1.0
    net = mx.sym.LinearRegressionOutput(
        mx.sym.FullyConnected(mx.sym.Variable('data'), num_hidden=1, name='fc'),
        mx.sym.Variable('lin_reg_label'), name='lin_reg')
    it = mx.io.NDArrayIter(x, y, batch_size=20, label_name='lin_reg_label')
    mod = mx.mod.Module(net, label_names=['lin_reg_label'])
    mod.fit(it, num_epoch=40, optimizer_params={'learning_rate': 0.1},
            eval_metric='mse')
    weight = mod.get_params()[0]['fc_weight'].asnumpy()
    np.testing.assert_allclose(weight.ravel(), [2.0, -3.0], atol=0.05)


def test_a_symbol_that_is_a_variable_knows_its_output_shape_and_type():
    """A graph whose output is its input (a block returning an input unchanged) infers without
    the "cannot decide" warning: the output is the variable."""
    import warnings
    x = mx.sym.var('x')
    with warnings.catch_warnings():
        warnings.simplefilter('error')
        assert x.infer_shape(x=(2, 3)) == ([(2, 3)], [(2, 3)], [])
        assert x.infer_type(x=np.float16)[1] == [np.float16]
        assert x.infer_shape_partial(x=(2, 3))[1] == [(2, 3)]


def test_lr_mult_given_to_a_layer_reaches_its_parameters():
    """mx.sym.FullyConnected(..., lr_mult=0) as in MXNet 1.9.1 (its test_lr_wd_mult): the
    layer's made weight and bias get __lr_mult__ (a bias given with its own keeps it), and
    a Module's update leaves them as they were."""
    data = mx.sym.Variable('data')
    bias = mx.sym.Variable('fc1_bias', lr_mult=1.0)
    fc1 = mx.sym.FullyConnected(data=data, bias=bias, name='fc1', num_hidden=4, lr_mult=0)
    fc2 = mx.sym.FullyConnected(data=fc1, name='fc2', num_hidden=3, wd_mult=0.5)
    attrs = fc2.attr_dict()
    assert attrs['fc1_weight']['__lr_mult__'] == '0' and attrs['fc1_bias']['__lr_mult__'] == '1.0'
    assert attrs['fc2_weight']['__wd_mult__'] == '0.5'
    mod = mx.mod.Module(fc2, label_names=None)
    mod.bind(data_shapes=[('data', (5, 6))])
    mod.init_params(mx.init.Uniform(1.0))
    mod.init_optimizer(optimizer_params={'learning_rate': 1.0})
    before = {k: v.asnumpy() for k, v in mod.get_params()[0].items()}
    mod.forward(mx.io.DataBatch([mx.nd.ones((5, 6))]), is_train=True)
    mod.backward([mx.nd.ones((5, 3))])
    mod.update()
    after = mod.get_params()[0]
    assert (after['fc1_weight'].asnumpy() == before['fc1_weight']).all()
    assert (after['fc1_bias'].asnumpy() != before['fc1_bias']).any()
    assert (after['fc2_weight'].asnumpy() != before['fc2_weight']).any()


def test_nd_arithmetic_of_two_numbers_is_a_number():
    """MXNet 1.9.1: mx.nd.power(0.9, 3) is 0.729 (its LAMB code relies on it); comparisons 1/0."""
    assert mx.nd.power(2.0, 3) == 8.0 and mx.nd.divide(3, 2) == 1.5
    assert mx.nd.maximum(2, 3) == 3 and mx.nd.equal(2, 2) == 1 and mx.nd.lesser(3, 2) == 0
    with pytest.raises(TypeError, match='at least one operand'):
        mx.nd.add('a', 2)
