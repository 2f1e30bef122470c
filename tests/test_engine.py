import numpy as np
import pytest

import tinynet as mx
from tinynet import engine
from tinynet.ops import Activation, FullyConnected


def leaf(array, requires_grad=True):
    return engine.Value(np.asarray(array, dtype=np.float64), requires_grad)


def test_fan_out_gradients_add_up():
    """y = tanh(x) + relu(x) reaches x by two paths; x.grad must be the sum of both."""
    x = leaf([[0.5, -0.3, 1.2]])
    a = engine.apply(np, Activation('a', act_type='tanh'), [x])[0]
    b = engine.apply(np, Activation('b', act_type='relu'), [x])[0]
    w = leaf(np.eye(3))
    fc_a = engine.apply(np, FullyConnected('fa', num_hidden=3, no_bias=True), [a, w])[0]
    fc_b = engine.apply(np, FullyConnected('fb', num_hidden=3, no_bias=True), [b, w])[0]
    dy = np.array([[1.0, 2.0, 3.0]])
    engine.backward(np, [fc_a, fc_b], [dy, dy])
    expected = dy * (1 - np.tanh(x.data) ** 2) + dy * (x.data > 0)
    np.testing.assert_allclose(x.grad, expected, rtol=1e-12)
    # w is shared too: its gradient is dy^T a + dy^T b
    np.testing.assert_allclose(w.grad, dy.T @ a.data + dy.T @ b.data, rtol=1e-12)


def test_incoming_gradient_is_not_modified_in_place():
    x = leaf([[0.5, -0.3]])
    y = engine.apply(np, Activation('t', act_type='tanh'), [x])[0]
    dy = np.array([[1.0, 2.0]])
    engine.backward(np, [y], [dy])
    assert dy.tolist() == [[1.0, 2.0]]


def test_deep_graph_does_not_hit_the_recursion_limit():
    x = leaf(np.full((1, 2), 0.1))
    y = x
    for i in range(5000):
        y = engine.apply(np, Activation('a%d' % i, act_type='relu'), [y])[0]
    engine.backward(np, [y])
    np.testing.assert_allclose(x.grad, np.ones((1, 2)))


def test_topological_order_places_inputs_first():
    x = leaf([[1.0]])
    a = engine.apply(np, Activation('a', act_type='tanh'), [x])[0]
    b = engine.apply(np, Activation('b', act_type='tanh'), [a])[0]
    c = engine.apply(np, Activation('c', act_type='tanh'), [a])[0]
    order = [node.op.name for node in engine.topological_order([b, c])]
    assert order.index('a') < order.index('b') and order.index('a') < order.index('c')
    assert sorted(order) == ['a', 'b', 'c']


def test_not_recording_keeps_nothing_for_backward():
    x = leaf([[1.0, 2.0]])
    y = engine.apply(np, Activation('t', act_type='tanh'), [x], record=False)[0]
    assert y.creator is None and not y.requires_grad


def test_leaf_gradients_follow_grad_req():
    """'write' overwrites the leaf's own gradient array in place, 'add' adds to it, 'null' keeps
    none (MXNet's grad_req)."""
    buffers = {req: np.full((1, 2), 5.0) for req in ('write', 'add')}
    leaves = {req: engine.Value(np.array([[0.5, -0.3]]), grad=buffers.get(req), grad_req=req)
              for req in ('write', 'add', 'null')}
    for _ in range(2):
        heads = [engine.apply(np, Activation(req, act_type='tanh'), [x])[0]
                 for req, x in leaves.items()]
        engine.backward(np, heads)
    slope = 1 - np.tanh(np.array([[0.5, -0.3]])) ** 2
    assert leaves['write'].grad is buffers['write']
    np.testing.assert_allclose(buffers['write'], slope, rtol=1e-12)
    np.testing.assert_allclose(buffers['add'], 5.0 + 2 * slope, rtol=1e-12)
    assert leaves['null'].grad is None


def test_walk_in_a_given_forward_order_gives_the_same_gradients():
    x = leaf([[0.5, -0.3, 1.2]])
    w = leaf(np.eye(3) * 0.7)
    grads = []
    for given_order in (False, True):
        x.grad = w.grad = None
        a = engine.apply(np, FullyConnected('fa', num_hidden=3, no_bias=True), [x, w])[0]
        b = engine.apply(np, Activation('b', act_type='tanh'), [a])[0]
        c = engine.apply(np, FullyConnected('fc', num_hidden=3, no_bias=True), [b, w])[0]
        order = [a.creator, b.creator, c.creator] if given_order else None
        engine.backward(np, [c], [np.array([[1.0, -2.0, 0.5]])], order=order)
        grads.append((x.grad.copy(), w.grad.copy()))
    np.testing.assert_array_equal(grads[0][0], grads[1][0])
    np.testing.assert_array_equal(grads[0][1], grads[1][1])


def test_gradients_leave_the_leaves_alone_and_retain_graph_allows_a_second_walk():
    x = leaf([[0.5, -0.3]])
    y = engine.apply(np, Activation('t', act_type='tanh'), [x])[0]
    grads, leaves = engine.gradients(np, [y], retain_graph=True)
    assert leaves == [x] and x.grad is None
    again, _ = engine.gradients(np, [y])
    np.testing.assert_array_equal(grads[id(x)], again[id(x)])


def test_float32_stays_float32_and_float64_stays_float64():
    for dtype in (np.float32, np.float64):
        x = engine.Value(np.ones((2, 3), dtype=dtype), True)
        w = engine.Value(np.ones((4, 3), dtype=dtype), True)
        b = engine.Value(np.ones((4,), dtype=dtype), True)
        y = engine.apply(np, FullyConnected('fc', num_hidden=4), [x, w, b])[0]
        engine.backward(np, [y])
        assert y.data.dtype == dtype
        assert x.grad.dtype == w.grad.dtype == b.grad.dtype == dtype


def test_engine_rejects_a_gradient_of_the_wrong_shape():
    class Broken(Activation):
        def backward(self, xp, saved, out_grads, needs_grad):
            return [out_grads[0][:, :1]]
    x = leaf([[1.0, 2.0]])
    y = engine.apply(np, Broken('broken', act_type='relu'), [x])[0]
    with pytest.raises(AssertionError, match="Broken 'broken'.*\\(1, 1\\).*\\(1, 2\\)"):
        engine.backward(np, [y])


def test_inputs_that_need_no_gradient_get_none_and_cost_nothing():
    calls = []

    class Spy(FullyConnected):
        def backward(self, xp, saved, out_grads, needs_grad):
            calls.append(list(needs_grad))
            return super().backward(xp, saved, out_grads, needs_grad)
    x = leaf(np.ones((2, 3)), requires_grad=False)
    w = leaf(np.ones((4, 3)))
    y = engine.apply(np, Spy('fc', num_hidden=4, no_bias=True), [x, w])[0]
    engine.backward(np, [y])
    assert calls == [[False, True]] and x.grad is None and w.grad is not None


def test_second_backward_through_a_freed_graph_is_a_clear_error():
    x = leaf([[0.5]])
    y = engine.apply(np, Activation('t', act_type='tanh'), [x])[0]
    engine.backward(np, [y])
    with pytest.raises(RuntimeError, match="Activation 't'.*already used by a backward pass"):
        engine.backward(np, [y])


def test_an_array_made_beside_the_loss_does_not_keep_the_batch_alive():
    """A running mean updated inside record() from the batch mean (D2L's BatchNorm from
    scratch) is made from the loss's graph: after backward it must not hold the batch's
    activations through its chain of creators (that chain held every step's, until the memory ran
    out). Checked with a weak reference to one batch's activations."""
    import weakref
    w = mx.nd.ones((1, 8))
    w.attach_grad()
    moving = mx.nd.zeros((1, 8))
    watched = None
    for step in range(3):
        x = mx.nd.array(np.random.default_rng(step).standard_normal((16, 8)))
        with mx.autograd.record():
            h = x * w
            mean = h.mean(axis=0, keepdims=True)
            moving = 0.9 * moving + 0.1 * mean
            loss = ((h - mean) ** 2).sum()
        loss.backward()
        if step == 0:
            watched = weakref.ref(h.data_array)
        del x, h, mean, loss
    assert watched() is None
    assert moving.shape == (1, 8)
