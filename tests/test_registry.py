"""The op table: every op in it is reachable from mx.nd, mx.sym, and (where MXNet has one) the
NDArray and Symbol methods, gives the same values and gradients run imperatively, traced by a
hybridized block and bound as a symbol, and survives symbol JSON. Adding a row without an example
here fails `test_every_row_has_an_example`."""
import inspect

import numpy as np
import pytest

import tinynet as mx
from tinynet import autograd, gluon, nd
from tinynet.ops import registry


def spread(rng, shape, low=-2.0, high=2.0):
    """Distinct values well apart (no ties for max/min, nothing near relu's or abs's kink)."""
    n = int(np.prod(shape))
    values = np.linspace(low, high, n + 2)[1:-1]
    values = values[np.abs(values) > 0.05] if low < 0 < high else values
    while values.size < n:
        values = np.concatenate([values, values + 0.01])
    return rng.permutation(values[:n]).reshape(shape)


# name -> (inputs: [(shape, kind)], attributes). kind: 'x' any values (differentiated),
# 'pos' positive values; not differentiated: 'const' any values, 'variance' positive ones,
# 'label' and 'int' small whole numbers, 'mask' zeros and ones
TWO = [((2, 3), 'x'), ((1, 3), 'x')]


class _Square(mx.operator.CustomOp):
    def forward(self, is_train, req, in_data, out_data, aux):
        self.assign(out_data[0], req[0], in_data[0] * in_data[0])

    def backward(self, req, out_grad, in_data, out_data, in_grad, aux):
        self.assign(in_grad[0], req[0], 2 * in_data[0] * out_grad[0])


@mx.operator.register('registry_square')
class _SquareProp(mx.operator.CustomOpProp):
    def create_operator(self, ctx, shapes, dtypes):
        return _Square()


EXAMPLES = {
    'Custom': ([((2, 3), 'x')], {'op_type': 'registry_square'}),
    'FullyConnected': ([((2, 3), 'x'), ((4, 3), 'x'), ((4,), 'x')], {'num_hidden': 4}),
    'Convolution': ([((1, 2, 5, 5), 'x'), ((3, 2, 3, 3), 'x'), ((3,), 'x')],
                    {'kernel': (3, 3), 'num_filter': 3, 'pad': (1, 1)}),
    'Deconvolution': ([((1, 2, 3, 3), 'x'), ((2, 3, 3, 2), 'x'), ((3,), 'x')],
                      {'kernel': (3, 2), 'num_filter': 3, 'stride': (2, 1), 'pad': (1, 0),
                       'adj': (1, 0), 'no_bias': False}),
    'Pooling': ([((1, 2, 4, 4), 'x')], {'kernel': (2, 2), 'stride': (2, 2), 'pool_type': 'max'}),
    'Activation': ([((2, 3), 'x')], {'act_type': 'softrelu'}),
    'LeakyReLU': ([((2, 3, 2), 'x'), ((3,), 'pos')], {'act_type': 'prelu'}),
    'BatchNorm': ([((2, 3, 2, 2), 'x'), ((3,), 'x'), ((3,), 'x'), ((3,), 'const'),
                   ((3,), 'variance')], {'fix_gamma': False}),
    'Dropout': ([((2, 3), 'x')], {'p': 0.5}),
    'SoftmaxOutput': ([((3, 4), 'x'), ((3,), 'label')], {}),
    'Flatten': ([((2, 3, 2), 'x')], {}),
    'relu': ([((2, 3), 'x')], {}), 'sigmoid': ([((2, 3), 'x')], {}),
    'tanh': ([((2, 3), 'x')], {}), 'softsign': ([((2, 3), 'x')], {}),
    'softrelu': ([((2, 3), 'x')], {}),
    'negative': ([((2, 3), 'x')], {}), 'abs': ([((2, 3), 'x')], {}),
    'exp': ([((2, 3), 'x')], {}), 'log': ([((2, 3), 'pos')], {}),
    'sqrt': ([((2, 3), 'pos')], {}), 'square': ([((2, 3), 'x')], {}),
    'sign': ([((2, 3), 'x')], {}),
    'reciprocal': ([((2, 3), 'pos')], {}), 'floor': ([((2, 3), 'x')], {}),
    'ceil': ([((2, 3), 'x')], {}), 'expm1': ([((2, 3), 'x')], {}),
    'log10': ([((2, 3), 'pos')], {}), 'log2': ([((2, 3), 'pos')], {}),
    'log1p': ([((2, 3), 'pos')], {}), 'rsqrt': ([((2, 3), 'pos')], {}),
    'cbrt': ([((2, 3), 'pos')], {}), 'rcbrt': ([((2, 3), 'pos')], {}),
    'sin': ([((2, 3), 'x')], {}), 'cos': ([((2, 3), 'x')], {}), 'tan': ([((2, 3), 'x')], {}),
    'arcsin': ([((2, 3), 'unit')], {}), 'arccos': ([((2, 3), 'unit')], {}),
    'arctan': ([((2, 3), 'x')], {}), 'sinh': ([((2, 3), 'x')], {}),
    'cosh': ([((2, 3), 'x')], {}), 'arcsinh': ([((2, 3), 'x')], {}),
    'arccosh': ([((2, 3), 'above1')], {}), 'arctanh': ([((2, 3), 'unit')], {}),
    'degrees': ([((2, 3), 'x')], {}), 'radians': ([((2, 3), 'x')], {}),
    'trunc': ([((2, 3), 'x')], {}), 'fix': ([((2, 3), 'x')], {}),
    'round': ([((2, 3), 'x')], {}), 'rint': ([((2, 3), 'x')], {}),
    'clip': ([((2, 3), 'x')], {'a_min': -0.93, 'a_max': 0.97}),
    'softmax': ([((2, 3), 'x')], {'axis': 0, 'temperature': 2.0}),
    'log_softmax': ([((2, 3), 'x')], {'axis': -1}),
    'sum': ([((2, 3, 2), 'x')], {'axis': 1}), 'mean': ([((2, 3, 2), 'x')], {'axis': (0, 2)}),
    'max': ([((2, 3, 2), 'x')], {'axis': 1, 'keepdims': True}),
    'min': ([((2, 3, 2), 'x')], {'axis': 2, 'exclude': True}),
    'prod': ([((2, 3), 'x')], {'axis': 1}),
    'argmax': ([((2, 3), 'x')], {'axis': 1}), 'argmin': ([((2, 3), 'x')], {'axis': 0}),
    'norm': ([((2, 3, 2), 'x')], {'axis': (0, 2), 'keepdims': True}),
    'tile': ([((2, 3), 'x')], {'reps': (2, 1, 2)}),
    'swapaxes': ([((2, 3, 4), 'x')], {'dim1': 0, 'dim2': 2}),
    'slice': ([((4, 5), 'x')], {'begin': (3, None), 'end': (0, -1), 'step': (-2, 2)}),
    'slice_axis': ([((3, 5), 'x')], {'axis': -1, 'begin': 1, 'end': -1}),
    'squeeze': ([((2, 1, 3), 'x')], {'axis': 1}),
    'flip': ([((2, 3), 'x')], {'axis': 1}),
    'repeat': ([((2, 3), 'x')], {'repeats': 2, 'axis': 0}),
    'broadcast_to': ([((2, 1), 'x')], {'shape': (0, 3)}),
    'broadcast_axis': ([((2, 1), 'x')], {'axis': 1, 'size': 4}),
    'broadcast_like': ([((1, 3), 'x'), ((2, 3), 'const')], {}),
    'reshape_like': ([((2, 3), 'x'), ((3, 2), 'const')], {}),
    'BlockGrad': ([((2, 3), 'x')], {}),
    'Cast': ([((2, 3), 'x')], {'dtype': 'float64'}),
    'take': ([((4, 3), 'x'), ((2, 2), 'int')], {'axis': 0}),
    'Embedding': ([((2, 3), 'int'), ((4, 5), 'x')], {'input_dim': 4, 'output_dim': 5}),
    'sort': ([((2, 3), 'x')], {'is_ascend': False}),
    'argsort': ([((2, 3), 'x')], {'axis': 0}),
    'topk': ([((2, 4), 'x')], {'k': 2, 'ret_typ': 'value'}),
    'smooth_l1': ([((2, 3), 'x')], {'scalar': 1.5}),
    'hard_sigmoid': ([((2, 3), 'x')], {}),
    'logical_not': ([((2, 3), 'x')], {}),
    'zeros_like': ([((2, 3), 'x')], {}),
    'cumsum': ([((2, 3), 'x')], {'axis': 1}),
    'ones_like': ([((2, 3), 'x')], {}),
    'RNN': ([((3, 2, 3), 'x'), ((108,), 'x'), ((1, 2, 4), 'x')],
            {'state_size': 4, 'num_layers': 1, 'mode': 'gru'}),
    'MakeLoss': ([((3, 2), 'x')], {'grad_scale': 0.5, 'normalization': 'batch'}),
    'CTCLoss': ([((4, 2, 3), 'x'), ((2, 2), 'label')], {}),
    'LinearRegressionOutput': ([((3, 2), 'x'), ((3, 2), 'x')], {'grad_scale': 0.5}),
    'LogisticRegressionOutput': ([((3, 1), 'x'), ((3,), 'mask')], {}),
    'MAERegressionOutput': ([((2, 3), 'x'), ((2, 3), 'x')], {'grad_scale': 2.0}),
    'make_loss': ([((3, 2), 'x')], {}),
    'pad': ([((1, 2, 3, 4), 'x')], {'mode': 'reflect', 'pad_width': (0, 0, 0, 0, 2, 1, 1, 3)}),
    'LayerNorm': ([((2, 3, 4), 'x'), ((3,), 'x'), ((3,), 'x')], {'axis': 1}),
    'InstanceNorm': ([((2, 3, 2, 2), 'x'), ((3,), 'x'), ((3,), 'x')], {'eps': 1e-4}),
    'GroupNorm': ([((2, 4, 3), 'x'), ((2,), 'x'), ((2,), 'x')], {'num_groups': 2}),
    'broadcast_add': (TWO, {}), 'broadcast_sub': (TWO, {}), 'broadcast_mul': (TWO, {}),
    'broadcast_div': ([((2, 3), 'x'), ((1, 3), 'pos')], {}),
    'broadcast_power': ([((2, 3), 'pos'), ((1, 3), 'x')], {}),
    'broadcast_maximum': (TWO, {}), 'broadcast_minimum': (TWO, {}),
    'broadcast_equal': ([((2, 3), 'int'), ((1, 3), 'int')], {}),
    'broadcast_not_equal': ([((2, 3), 'int'), ((1, 3), 'int')], {}),
    'broadcast_lesser': (TWO, {}), 'broadcast_lesser_equal': (TWO, {}),
    'broadcast_greater': (TWO, {}), 'broadcast_greater_equal': (TWO, {}),
    'reshape': ([((2, 3, 2), 'x')], {'shape': (0, -1)}),
    'transpose': ([((2, 3, 4), 'x')], {'axes': (2, 0, 1)}),
    'expand_dims': ([((2, 3), 'x')], {'axis': 1}),
    'concat': ([((2, 3), 'x'), ((2, 1), 'x')], {'dim': 1}),
    'stack': ([((2, 3), 'x'), ((2, 3), 'x')], {'axis': 1}),
    'pick': ([((2, 3), 'x'), ((2,), 'label')], {'axis': 1}),
    'where': ([((2, 3), 'mask'), ((2, 3), 'x'), ((2, 3), 'x')], {}),
    'one_hot': ([((3,), 'label')], {'depth': 4}),
    'dot': ([((2, 3), 'x'), ((3, 4), 'x')], {}),
    'batch_dot': ([((2, 2, 3), 'x'), ((2, 4, 3), 'x')], {'transpose_b': True}),
}


def test_every_row_has_an_example():
    assert sorted(r.name for r in registry.public_rows()) == sorted(EXAMPLES)


def make_inputs(rng, name):
    shapes, attrs = EXAMPLES[name]
    arrays, differentiated = [], []
    for shape, kind in shapes:
        if kind in ('pos', 'variance'):
            values = spread(rng, shape, 0.5, 2.5)
        elif kind == 'unit':
            values = spread(rng, shape, -0.9, 0.9)
        elif kind == 'above1':
            values = spread(rng, shape, 1.2, 3.0)
        elif kind in ('label', 'int'):
            values = rng.integers(0, 3, shape).astype(float)
        elif kind == 'mask':
            values = rng.integers(0, 2, shape).astype(float)
        else:
            values = spread(rng, shape)
        arrays.append(values)
        differentiated.append(kind in ('x', 'pos', 'unit', 'above1'))
    return arrays, differentiated, attrs


class OneOp(gluon.HybridBlock):
    """hybrid_forward(F, *inputs) = F.<name>(*inputs, **attrs)."""

    def __init__(self, name, attrs, **kwargs):
        super().__init__(**kwargs)
        self.op_function, self.attrs = name, attrs

    def hybrid_forward(self, F, *inputs):
        return getattr(F, self.op_function)(*inputs, **self.attrs)


def run_block(block, arrays, differentiated, head):
    inputs = [nd.array(a, dtype='float64') for a in arrays]
    for a, d in zip(inputs, differentiated):
        if d:
            a.attach_grad()
    with autograd.record(train_mode=False):
        out = block(*inputs)
    if not any(differentiated):
        return out.asnumpy(), []
    out.backward(nd.array(head, dtype='float64'))
    return out.asnumpy(), [a.grad.asnumpy() for a, d in zip(inputs, differentiated) if d]


@pytest.mark.parametrize('name', sorted(EXAMPLES))
def test_each_op_is_reachable_from_all_faces_and_hybridizes(name, rng):
    r = registry.READ[name]
    for function_name in registry.function_names(r):
        assert callable(getattr(nd, function_name)) and callable(getattr(mx.sym, function_name))
        for face in (nd, mx.sym):
            function = getattr(face, function_name)
            assert function.__doc__ and 'Source: tinynet/ops/' in function.__doc__
            assert [p for p in inspect.signature(function).parameters][-1] in ('name', 'out')
    method = registry.method_names(r)
    if method:
        assert callable(getattr(nd.NDArray, method)) and callable(getattr(mx.sym.Symbol, method))

    arrays, differentiated, attrs = make_inputs(rng, name)
    # imperatively: mx.nd.<name>
    imperative = OneOp(name, attrs)
    out_shape = imperative(*[nd.array(a, dtype='float64') for a in arrays]).shape
    head = rng.uniform(0.5, 1.5, out_shape) * rng.choice([-1.0, 1.0], out_shape)
    plain = run_block(imperative, arrays, differentiated, head)
    # traced: the same block hybridized runs mx.sym.<name> through the executor
    traced = OneOp(name, attrs)
    traced.hybridize()
    hybrid = run_block(traced, arrays, differentiated, head)
    assert type(traced._cached[0]).__name__ == 'Symbol'
    for got, want in zip([hybrid[0]] + hybrid[1], [plain[0]] + plain[1]):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12, err_msg=name)
    # the method, where MXNet has one, gives the function's values
    if method:
        x = nd.array(arrays[0], dtype='float64')
        rest = [nd.array(a, dtype='float64') for a in arrays[1:]]
        np.testing.assert_allclose(getattr(x, method)(*rest, **attrs).asnumpy(), plain[0])
    # the symbol, written to JSON and read back, computes the same
    symbol = traced._cached[0]
    again = mx.sym.load_json(symbol.tojson())
    assert again.tojson() == symbol.tojson()
    names = again.list_arguments() + again.list_auxiliary_states()
    bound = dict(zip(traced._cached[1], arrays))
    exe = again.bind(mx.cpu(), args={n: bound[n] for n in again.list_arguments()},
                     aux_states={n: bound[n] for n in again.list_auxiliary_states()})
    assert set(names) == set(bound)
    np.testing.assert_allclose(exe.forward()[0], plain[0], rtol=1e-12, atol=1e-12)


def test_a_number_on_either_side_of_a_two_array_function():
    x = nd.array([[1.0, -2.0, 3.0]])
    for function, expect in (('broadcast_sub', [[-1.0, 2.0, -3.0]]),
                             ('lesser', [[0.0, 1.0, 0.0]]), ('power', [[2.0, 0.25, 8.0]])):
        np.testing.assert_allclose(getattr(nd, function)(0 if function != 'power' else 2.0, x)
                                   .asnumpy() if function != 'lesser'
                                   else getattr(nd, function)(x, 0).asnumpy(), expect)
    d = mx.sym.var('d')
    for symbol, expect in ((2 - d, [[1.0, 4.0, -1.0]]), (2 < d, [[0.0, 0.0, 1.0]]),
                           (d >= 1, [[1.0, 0.0, 1.0]]), (-d, [[-1.0, 2.0, -3.0]])):
        again = mx.sym.load_json(symbol.tojson())          # MXNet's _rminus_scalar, _greater_scalar
        out = again.bind(mx.cpu(), args={'d': x.asnumpy()}).forward()[0]
        np.testing.assert_allclose(out, expect)


def test_no_gradient_flows_through_comparisons_and_argmax(rng):
    """MXNet gives zeros there (its argmax is MakeZeroGradNodes), and so does a traced graph."""
    x = nd.array([[1.0, 5.0, 3.0]])
    x.attach_grad()
    with autograd.record():
        y = nd.argmax(x, axis=1) * 2 + (x * x).sum()
    y.backward()
    np.testing.assert_allclose(x.grad.asnumpy(), [[2.0, 10.0, 6.0]])     # MXNet 1.9.1's numbers
    with autograd.record():
        y = (x > 2) * x
    y.backward()
    np.testing.assert_allclose(x.grad.asnumpy(), [[0.0, 1.0, 1.0]])


def test_positional_attributes_follow_the_inputs_as_in_mxnet():
    x = nd.array([[0.5, -3.0, 2.0]])
    np.testing.assert_allclose(nd.clip(x, -1, 1).asnumpy(), [[0.5, -1.0, 1.0]])
    assert nd.one_hot(nd.array([1, 0]), 3).shape == (2, 3)
    assert nd.sum(x, 1).shape == (1,)
    with pytest.raises(TypeError, match="mx.nd.FullyConnected 'fc': unknown argument.*num_hiden.*"
                                        "num_hidden, no_bias, flatten"):
        nd.FullyConnected(x, nd.ones((2, 3)), nd.ones((2,)), num_hiden=2, name='fc')
