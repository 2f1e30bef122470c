"""Transposed convolution (Deconvolution, Conv2DTranspose), grouped convolution, and 1-D convolution and pooling (Conv1D, MaxPool1D, AvgPool1D, GlobalMax/AvgPool1D; the ops
with a kernel of one number): side by side with MXNet 1.9.1 (tests/mxnet_conv1d_semantics.py),
against the 2-D layers of height 1 they are defined as, by central differences in float64, and
the errors for windows that do not fit."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest

import tinynet as mx
from conftest import assert_agrees, mxnet_python
from tinynet.gluon import nn
from tinynet.test_utils import check_numeric_gradient

HERE = os.path.dirname(os.path.abspath(__file__))


def _answers(python, framework):
    # MXNet's MKLDNN pooling fails on 1-D data inside a hybridized stack ("IsDefaultData"):
    # its reference run uses the plain CPU kernels
    env = dict(os.environ, MXNET_MKLDNN_ENABLED='0')
    run = subprocess.run([python, os.path.join(HERE, 'mxnet_conv1d_semantics.py'), framework],
                         capture_output=True, text=True, timeout=300, env=env)
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_1d_layers_agree_with_mxnet():
    want, got = _answers(mxnet_python(), 'mxnet'), _answers(sys.executable, 'tinynet')
    assert sorted(got) == sorted(want)
    for key, value in want.items():
        assert_agrees(got[key], value, key)


def test_conv1d_is_conv2d_of_height_one(rng):
    x = rng.standard_normal((2, 3, 10)).astype('float32')
    one = nn.Conv1D(4, 3, strides=2, padding=1, in_channels=3)
    two = nn.Conv2D(4, (1, 3), strides=(1, 2), padding=(0, 1), in_channels=3)
    one.initialize()
    two.initialize()
    two.weight.set_data(one.weight.data().reshape((4, 3, 1, 3)))
    np.testing.assert_allclose(one(mx.nd.array(x)).asnumpy(),
                               two(mx.nd.array(x[:, :, None, :])).asnumpy()[:, :, 0, :], rtol=1e-6)
    pool1, pool2 = nn.AvgPool1D(3, strides=2, padding=1), nn.AvgPool2D((1, 3), (1, 2), (0, 1))
    np.testing.assert_allclose(pool1(mx.nd.array(x)).asnumpy(),
                               pool2(mx.nd.array(x[:, :, None, :])).asnumpy()[:, :, 0, :])


@pytest.mark.parametrize('make', [
    lambda x: mx.sym.Convolution(x, kernel=(3,), num_filter=2, stride=(2,), pad=(1,),
                                 dilate=(2,), name='c'),
    lambda x: mx.sym.Pooling(x, kernel=(2,), stride=(1,), pool_type='avg', pad=(1,)),
    lambda x: mx.sym.Pooling(x, kernel=(3,), stride=(2,), pool_type='max'),
    lambda x: mx.sym.Pooling(x, global_pool=True, pool_type='max'),
])
def test_1d_ops_pass_central_differences(make, rng):
    net = make(mx.sym.var('x'))
    location = {'x': rng.permutation(np.linspace(-2, 2, 2 * 3 * 9)).reshape(2, 3, 9)}
    if 'c_weight' in net.list_arguments():
        location['c_weight'] = rng.uniform(-1, 1, (2, 3, 3))
        location['c_bias'] = rng.uniform(-1, 1, (2,))
    check_numeric_gradient(net, location, numeric_eps=1e-6, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize('groups, filters', [(2, 4), (3, 3)])
def test_grouped_convolution_is_convolutions_side_by_side(groups, filters, rng):
    """Filter group g sees channel group g only: the same as separate convolutions of each
    group, concatenated; and central differences in float64."""
    x = rng.standard_normal((2, 6, 5, 5))
    w = rng.standard_normal((filters, 6 // groups, 3, 3))
    b = rng.standard_normal((filters,))
    got = mx.nd.Convolution(mx.nd.array(x, dtype='float64'), mx.nd.array(w, dtype='float64'),
                            mx.nd.array(b, dtype='float64'), kernel=(3, 3), num_filter=filters,
                            num_group=groups, pad=(1, 1)).asnumpy()
    c, f = 6 // groups, filters // groups
    want = np.concatenate([mx.nd.Convolution(
        mx.nd.array(x[:, g * c:(g + 1) * c], dtype='float64'),
        mx.nd.array(w[g * f:(g + 1) * f], dtype='float64'),
        mx.nd.array(b[g * f:(g + 1) * f], dtype='float64'), kernel=(3, 3), num_filter=f,
        pad=(1, 1)).asnumpy() for g in range(groups)], axis=1)
    np.testing.assert_allclose(got, want, rtol=1e-12)
    net = mx.sym.Convolution(mx.sym.var('x'), kernel=(3, 3), num_filter=filters,
                             num_group=groups, stride=(2, 2), name='c')
    check_numeric_gradient(net, {'x': x, 'c_weight': w, 'c_bias': b}, numeric_eps=1e-6,
                           rtol=1e-6, atol=1e-8)
    with pytest.raises(mx.base.InvalidArgumentError, match='not a multiple of num_group'):
        mx.nd.Convolution(mx.nd.ones((1, 5, 4, 4)), mx.nd.ones((4, 2, 3, 3)), mx.nd.ones(4),
                          kernel=(3, 3), num_filter=4, num_group=2)


@pytest.mark.parametrize('attrs', [
    {'kernel': (3, 3)}, {'kernel': (4, 3), 'stride': (2, 3), 'pad': (1, 0), 'adj': (1, 2),
                         'dilate': (1, 2)},
    {'kernel': (4, 4), 'stride': (2, 2), 'pad': (1, 1), 'target_shape': (9, 10)}])
def test_deconvolution_is_the_adjoint_of_convolution(attrs, rng):
    """<deconv(x), y> = <x, conv(y)> for the same weight (the convolution y -> x): the definition
    of the transposed convolution, checked for each geometry; and central differences."""
    x = rng.standard_normal((2, 3, 4, 5))
    w = rng.standard_normal((3, 2) + attrs['kernel'])
    out = mx.nd.Deconvolution(mx.nd.array(x, dtype='float64'), mx.nd.array(w, dtype='float64'),
                              num_filter=2, **attrs).asnumpy()
    y = rng.standard_normal(out.shape)
    conv_attrs = {k: v for k, v in attrs.items() if k not in ('adj', 'target_shape')}
    back = mx.nd.Convolution(mx.nd.array(y, dtype='float64'), mx.nd.array(w, dtype='float64'),
                             num_filter=3, no_bias=True, **conv_attrs).asnumpy()
    assert back.shape == x.shape
    assert np.sum(out * y) == pytest.approx(np.sum(x * back), rel=1e-10)
    net = mx.sym.Deconvolution(mx.sym.var('x'), num_filter=2, no_bias=False, name='d', **attrs)
    check_numeric_gradient(net, {'x': x, 'd_weight': w, 'd_bias': rng.standard_normal(2)},
                           numeric_eps=1e-6, rtol=1e-6, atol=1e-8)


def test_deconvolution_refuses_what_it_cannot_do():
    x = mx.nd.ones((1, 2, 4, 4))
    with pytest.raises(mx.base.InvalidArgumentError, match='adj .* smaller than the stride'):
        mx.nd.Deconvolution(x, mx.nd.ones((2, 3, 3, 3)), kernel=(3, 3), num_filter=3,
                            adj=(1, 1))
    with pytest.raises(mx.base.InvalidArgumentError, match='target_shape .* cannot be reached'):
        mx.nd.Deconvolution(x, mx.nd.ones((2, 3, 3, 3)), kernel=(3, 3), num_filter=3,
                            stride=(2, 2), target_shape=(20, 20))
    with pytest.raises(mx.base.InvalidArgumentError, match="'num_group' other than 1"):
        mx.nd.Deconvolution(x, mx.nd.ones((2, 3, 3, 3)), kernel=(3, 3), num_filter=4,
                            num_group=2)


def test_1d_windows_that_do_not_fit_are_refused():
    with pytest.raises(mx.base.InvalidArgumentError, match=r"must be 3-D \(N, C, W\)"):
        mx.nd.Convolution(mx.nd.ones((1, 2, 3, 4)), mx.nd.ones((2, 2, 3)), mx.nd.ones(2),
                          kernel=(3,), num_filter=2)
    with pytest.raises(mx.base.InvalidArgumentError, match=r"kernel \(1, 3\) is 1-D but stride"):
        mx.nd.Convolution(mx.nd.ones((1, 2, 5)), mx.nd.ones((2, 2, 3)), mx.nd.ones(2),
                          kernel=(3,), stride=(2, 1), num_filter=2)
    with pytest.raises(ValueError, match="only layout 'NCW'"):
        nn.Conv1D(2, 3, layout='NWC')
