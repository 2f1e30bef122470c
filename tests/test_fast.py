"""Every named fast path of tinynet/ops/fast.py gives its plain formula's numbers."""
import logging

import numpy as np
import pytest

import tinynet as mx
from tinynet.backend import to_numpy
from tinynet.ops import fast


def test_each_helper_computes_its_formula(ctx, rng):
    xp = ctx.xp
    x = xp.asarray(rng.standard_normal((7, 5)))
    dy, col = xp.asarray(rng.standard_normal((3, 40))), xp.asarray(rng.standard_normal((70, 40)))
    small_col = xp.asarray(rng.standard_normal((9, 40)))
    cases = [
        (fast.relu(xp, x), xp.maximum(x, 0)),
        (fast.one_minus_square(xp, x), 1 - x ** 2),
        (fast.weight_grad(xp, dy, col), dy @ col.T),                # transposed order (K >= 64)
        (fast.weight_grad(xp, dy, small_col), dy @ small_col.T),    # plain order
        (fast.sum_over_pixels(xp, dy), dy.sum(axis=1)),
        (fast.row_max(xp, x), x.max(axis=1)),
        (fast.product_into(xp, dy.T, dy, out=xp.empty((40, 40))), dy.T @ dy),
    ]
    for got, want in cases:
        np.testing.assert_allclose(to_numpy(got), to_numpy(want), rtol=1e-12, atol=1e-12)
    for overlap in (False, True):
        target = xp.zeros((2, 3))
        fast.scatter_windows(xp, target, xp.ones((2, 3)), overlap)
        np.testing.assert_array_equal(to_numpy(target), np.ones((2, 3)))


def test_the_cpu_tricks_are_for_numpy_only():
    class FakeCupy:
        __name__ = 'cupy'
    assert fast.on_cpu(np) and not fast.on_cpu(FakeCupy())


def test_an_ignored_mxnet_argument_warns_once_naming_it(caplog, monkeypatch):
    monkeypatch.setattr(mx.util, '_warned', set())       # as in a fresh process
    with caplog.at_level(logging.WARNING, logger='tinynet'):
        for _ in range(2):
            mx.sym.Convolution(mx.sym.var('data'), kernel=(3, 3), num_filter=2, workspace=512)
        mx.sym.Convolution(mx.sym.var('data'), kernel=(3, 3), num_filter=2)   # default: silent
    lines = [r.getMessage() for r in caplog.records if 'workspace' in r.getMessage()]
    assert len(lines) == 1 and "Convolution: argument workspace=512" in lines[0]


def test_module_attributes_exist_before_bind():
    mod = mx.mod.Module(mx.sym.SoftmaxOutput(mx.sym.FullyConnected(mx.sym.var('data'),
                                                                   num_hidden=3), name='softmax'))
    assert not mod.binded and mod.output_names == ['softmax_output']
    for attribute in ('data_shapes', 'label_shapes', 'output_shapes'):
        with pytest.raises(RuntimeError, match='Module.%s: the module is not bound yet' % attribute):
            getattr(mod, attribute)
    mod.bind([('data', (4, 6))], [('softmax_label', (4,))])
    assert mod.output_shapes == [('softmax_output', (4, 3))]
