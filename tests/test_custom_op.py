"""mx.operator.CustomOp: a forward and backward written in Python run through the same engine
as every op: imperatively with autograd, in symbols (executor, Module), hybridized in Gluon."""
import numpy as np
import pytest

import tinynet as mx
from tinynet import autograd, gluon, nd
from tinynet.test_utils import check_numeric_gradient


class Scale(mx.operator.CustomOp):
    """y = x * w * factor + (running count, an aux state bumped each training forward)."""

    def __init__(self, factor):
        self.factor = factor

    def forward(self, is_train, req, in_data, out_data, aux):
        x, w = in_data
        self.assign(out_data[0], req[0], x * w * self.factor)
        if is_train and aux:
            aux[0][:] = aux[0] + 1

    def backward(self, req, out_grad, in_data, out_data, in_grad, aux):
        x, w = in_data
        dy = out_grad[0]
        self.assign(in_grad[0], req[0], dy * w * self.factor)
        self.assign(in_grad[1], req[1], (dy * x * self.factor).sum(axis=0))


@mx.operator.register('test_scale')
class ScaleProp(mx.operator.CustomOpProp):
    def __init__(self, factor='1'):
        super().__init__(need_top_grad=True)
        self.factor = float(factor)

    def list_arguments(self):
        return ['data', 'weight']

    def list_auxiliary_states(self):
        return ['count']

    def infer_shape(self, in_shape):
        data = in_shape[0]
        return [data, [data[1]]], [data], [[1]]

    def create_operator(self, ctx, shapes, dtypes):
        return Scale(self.factor)


def test_imperative_custom_op_with_autograd(rng):
    x = nd.array(rng.standard_normal((3, 4)))
    w = nd.array(rng.standard_normal(4))
    count = nd.zeros((1,))
    x.attach_grad()
    w.attach_grad()
    with autograd.record():
        y = nd.Custom(x, w, count, op_type='test_scale', factor=2.5)
        loss = (y * y).sum()
    loss.backward()
    xv, wv = x.asnumpy(), w.asnumpy()
    np.testing.assert_allclose(y.asnumpy(), xv * wv * 2.5, rtol=1e-6)
    dy = 2 * xv * wv * 2.5
    np.testing.assert_allclose(x.grad.asnumpy(), dy * wv * 2.5, rtol=1e-5)
    np.testing.assert_allclose(w.grad.asnumpy(), (dy * xv * 2.5).sum(0), rtol=1e-5)
    assert count.asnumpy()[0] == 1                     # the aux state changed in place


def test_symbolic_custom_op_makes_its_parameters_and_passes_the_numeric_check(rng):
    data = mx.sym.var('data')
    net = mx.sym.Custom(data, op_type='test_scale', factor=0.5, name='sc')
    assert net.list_arguments() == ['data', 'sc_weight']
    assert net.list_auxiliary_states() == ['sc_count']
    assert net.infer_shape(data=(2, 3))[0] == [(2, 3), (3,)]
    check_numeric_gradient(net, {'data': rng.standard_normal((2, 3)),
                                 'sc_weight': rng.standard_normal(3)},
                           aux_states={'sc_count': np.zeros(1)}, numeric_eps=1e-6, rtol=1e-6,
                           atol=1e-8)
    # it survives JSON (attributes as strings, as MXNet writes them)
    again = mx.sym.load_json(net.tojson())
    assert again.tojson() == net.tojson()


def test_a_hybridized_gluon_block_with_a_custom_op_trains():
    class Net(gluon.HybridBlock):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            with self.name_scope():
                self.dense = gluon.nn.Dense(4, in_units=3)
                self.w = self.params.get('weight', shape=(4,), init=mx.init.One())
                self.count = self.params.get('count', shape=(1,), init=mx.init.Zero(),
                                             grad_req='null')

        def hybrid_forward(self, F, x, w, count):
            return F.Custom(self.dense(x), w, count, op_type='test_scale', factor=1.5)

    results = []
    for hybrid in (False, True):
        mx.random.seed(0)
        net = Net()
        net.initialize()
        if hybrid:
            net.hybridize()
        x = nd.array(np.arange(6.0).reshape(2, 3) / 6)
        with autograd.record():
            loss = (net(x) ** 2).sum()
        loss.backward()
        results.append([p.grad().asnumpy() for p in net.collect_params().values()
                        if p.grad_req != 'null'])
    for a, b in zip(*results):
        np.testing.assert_allclose(a, b, rtol=1e-6)


def test_unknown_op_type_and_missing_op_type_are_named():
    with pytest.raises(mx.base.MXNetError, match="op_type 'nope' is not registered"):
        nd.Custom(nd.ones((2,)), op_type='nope')
    with pytest.raises(mx.base.MXNetError, match="'op_type' .* is required"):
        nd.Custom(nd.ones((2,)))
    with pytest.raises(TypeError, match='not a CustomOpProp'):
        mx.operator.register('bad')(object)


def test_inputs_given_by_name_are_inputs_not_attributes(rng):
    """MXNet's example/numpy-ops/custom_softmax.py writes mx.sym.Custom(data=fc3, op_type=...):
    a keyword naming one of the prop's arguments is that input (MXNet 1.9.1 does so), not an
    attribute handed to the prop's constructor."""
    data, weight = mx.sym.var('d'), mx.sym.var('w')
    net = mx.sym.Custom(weight=weight, data=data, op_type='test_scale', factor=2, name='sc')
    assert net.list_arguments() == ['d', 'w']
    only_data = mx.sym.Custom(data=data, op_type='test_scale', name='sc2')
    assert only_data.list_arguments() == ['d', 'sc2_weight']
    x, w = nd.array(rng.standard_normal((2, 3))), nd.array(rng.standard_normal(3))
    y = nd.Custom(weight=w, data=x, count=nd.zeros(1), op_type='test_scale', factor=2)
    np.testing.assert_allclose(y.asnumpy(), x.asnumpy() * w.asnumpy() * 2, rtol=1e-6)
    with pytest.raises(TypeError, match='given both by position and by name'):
        nd.Custom(x, data=x, op_type='test_scale')
    with pytest.raises(TypeError, match="unknown input.*bias.*data, weight"):
        mx.sym.Custom(data=data, bias=weight, op_type='test_scale')
