"""CTCLoss (tinynet/ops/ctc.py, gluon.loss.CTCLoss): against a brute-force sum over every
alignment, numeric gradients in float64, MXNet 1.9.1 side by side, and PyTorch when installed."""
import itertools

import numpy as np
import pytest

import tinynet as mx
from tinynet.base import InvalidArgumentError


def brute_force(scores, labels, blank):
    """-log P(labels | scores) by summing over every path of T classes that collapses (repeats
    merged, then blanks dropped) to labels: the definition the alpha-beta recursion computes."""
    p = np.exp(scores - scores.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    T, C = scores.shape
    total = 0.0
    for path in itertools.product(range(C), repeat=T):
        merged = [c for i, c in enumerate(path) if i == 0 or c != path[i - 1]]
        if [c for c in merged if c != blank] == list(labels):
            total += np.prod([p[t, c] for t, c in enumerate(path)])
    return -np.log(total) if total > 0 else np.inf


@pytest.mark.parametrize('seed', range(6))
def test_ctc_is_minus_the_log_of_the_sum_over_every_alignment(seed):
    rng = np.random.default_rng(seed)
    T, N, C = 5, 3, 3 + seed % 2
    scores = rng.normal(size=(T, N, C))
    blank_last = seed % 2 == 1
    blank = C - 1 if blank_last else 0
    classes = [c for c in range(C) if c != blank]
    labels = [list(rng.choice(classes, size=int(rng.integers(1, 4)))) for _ in range(N)]
    pad = -1 if blank_last else 0
    label = np.full((N, 3), pad, dtype=float)
    for b, l in enumerate(labels):
        label[b, :len(l)] = l
    loss = mx.nd.CTCLoss(mx.nd.array(scores, dtype='float64'), mx.nd.array(label),
                         blank_label='last' if blank_last else 'first').asnumpy()
    want = [brute_force(scores[:, b], labels[b], blank) for b in range(N)]
    np.testing.assert_allclose(loss, want, rtol=1e-10)


def test_ctc_gradient_is_the_numeric_one_in_float64():
    rng = np.random.default_rng(1)
    scores = rng.normal(size=(6, 2, 4))
    label = mx.nd.array([[1, 2, 2], [3, 1, 0]])
    lengths = mx.nd.array([6, 4])
    head = np.array([0.7, -1.3])

    def loss(s):
        return mx.nd.CTCLoss(mx.nd.array(s, dtype='float64'), label, lengths,
                             use_data_lengths=True).asnumpy()

    x = mx.nd.array(scores, dtype='float64')
    x.attach_grad()
    with mx.autograd.record():
        y = mx.nd.CTCLoss(x, label, lengths, use_data_lengths=True)
    y.backward(mx.nd.array(head, dtype='float64'))
    numeric = np.zeros_like(scores)
    eps = 1e-6
    for i in np.ndindex(scores.shape):
        up, down = scores.copy(), scores.copy()
        up[i] += eps
        down[i] -= eps
        numeric[i] = ((loss(up) - loss(down)) @ head) / (2 * eps)
    np.testing.assert_allclose(x.grad.asnumpy(), numeric, rtol=1e-6, atol=1e-8)
    assert (x.grad.asnumpy()[4:, 1] == 0).all()          # past the second sequence's 4 steps


def test_a_label_that_cannot_fit_its_steps_costs_inf_and_bad_labels_are_named():
    """MXNet 1.9.1's kernel returns 0 here (its source: "TODO, not right to return 0")."""
    scores = mx.nd.array(np.zeros((3, 1, 3)))
    loss = mx.nd.CTCLoss(scores, mx.nd.array([[1, 1, 1]]))      # 3 labels + 2 repeats > 3 steps
    assert np.isinf(loss.asnumpy()).all()
    with pytest.raises(InvalidArgumentError, match=r"CTCLoss.*label 0 holds \[3\]"):
        mx.nd.CTCLoss(scores, mx.nd.array([[1, 3]]))
    with pytest.raises(InvalidArgumentError, match=r"data_lengths\[0\] is 5"):
        mx.nd.CTCLoss(scores, mx.nd.array([[1, 2]]), mx.nd.array([5]), use_data_lengths=True)
    with pytest.raises(InvalidArgumentError, match='label must be'):
        mx.nd.CTCLoss(scores, mx.nd.array([[1], [2]]))


SIDE_BY_SIDE = r'''
import sys, json
import numpy as np
mx = __import__(sys.argv[1])
rs = np.random.RandomState(0)
x = rs.randn(6, 3, 5)
out = {}
cases = {
    'first': (dict(), [[1, 2, 0], [3, 3, 0], [4, 1, 2]]),
    'last': (dict(blank_label='last'), [[1, 2, -1], [3, 3, -1], [0, 1, 2]]),
    'lengths': (dict(use_data_lengths=True, use_label_lengths=True, blank_label='last'),
                [[1, 2, 3], [3, 3, 0], [0, 1, 2]]),
}
for name, (kw, label) in cases.items():
    d = mx.nd.array(x)
    d.attach_grad()
    args = [d, mx.nd.array(label)]
    if kw.get('use_data_lengths'):
        args.append(mx.nd.array([6, 4, 3]))
    if kw.get('use_label_lengths'):
        args.append(mx.nd.array([2, 2, 3]))
    with mx.autograd.record():
        z = mx.nd.CTCLoss(*args, **kw) * mx.nd.array([1.0, 2.0, 0.5])
    z.backward()
    out[name] = [(z / mx.nd.array([1.0, 2.0, 0.5])).asnumpy().tolist(),
                 d.grad.asnumpy().ravel().tolist()]
out['contrib'] = mx.nd.contrib.ctc_loss(mx.nd.array(x), mx.nd.array([[1, 2, 0]] * 3)).asnumpy().tolist()
L = mx.gluon.loss.CTCLoss()
pred = mx.nd.array(x.transpose(1, 0, 2))
pred.attach_grad()
label = mx.nd.array([[1, 2, -1], [3, 3, -1], [0, 1, 2]])
with mx.autograd.record():
    l = L(pred, label)
l.backward()
out['gluon'] = [l.asnumpy().tolist(), pred.grad.asnumpy().ravel().tolist()]
L.hybridize()
out['gluon hybridized, lengths'] = L(pred, label, mx.nd.array([5, 6, 4]),
                                     mx.nd.array([2, 1, 3])).asnumpy().tolist()
L = mx.gluon.loss.CTCLoss()      # MXNet's cached graph refuses another argument structure
L.hybridize()
out['gluon hybridized, label lengths only'] = L(pred, label, None,
                                                mx.nd.array([1, 1, 2])).asnumpy().tolist()
T = mx.gluon.loss.CTCLoss(layout='TNC', label_layout='TN', weight=2.0)
out['gluon TNC TN weighted'] = T(mx.nd.array(x), label.T).asnumpy().tolist()
print(json.dumps(out))
'''


def test_ctc_loss_agrees_with_mxnet():
    """The op (both blank conventions, with lengths), nd.contrib.ctc_loss and the Gluon loss
    (layouts, weight, hybridized with either length): losses and gradients as MXNet 1.9.1's."""
    from conftest import assert_agrees, side_by_side
    answers = side_by_side(SIDE_BY_SIDE)
    assert_agrees(answers[1], answers[0], 'CTCLoss', rel=1e-5, abs=2e-6)


def test_ctc_loss_agrees_with_pytorch():
    torch = pytest.importorskip('torch')
    rng = np.random.default_rng(3)
    T, N, C = 8, 4, 6
    scores = rng.normal(size=(T, N, C))
    lengths = np.array([8, 7, 5, 8])
    label_lengths = np.array([3, 2, 4, 1])
    label = rng.integers(1, C, size=(N, 4)).astype(float)
    x = mx.nd.array(scores, dtype='float64')
    x.attach_grad()
    with mx.autograd.record():
        y = mx.nd.CTCLoss(x, mx.nd.array(label), mx.nd.array(lengths), mx.nd.array(label_lengths),
                          use_data_lengths=True, use_label_lengths=True)
    y.backward()
    s = torch.tensor(scores, requires_grad=True)
    theirs = torch.nn.functional.ctc_loss(s.log_softmax(2), torch.tensor(label).long(),
                                          torch.tensor(lengths), torch.tensor(label_lengths),
                                          blank=0, reduction='none')
    theirs.sum().backward()
    np.testing.assert_allclose(y.asnumpy(), theirs.detach().numpy(), rtol=1e-10)
    np.testing.assert_allclose(x.grad.asnumpy(), s.grad.numpy(), rtol=1e-8, atol=1e-12)


def test_one_hybridized_ctc_loss_takes_either_length_and_retraces():
    """MXNet's cached graph refuses a call whose optional inputs differ from the first call's;
    tinynet traces the block again for them (and never reuses a graph of other inputs)."""
    rng = np.random.default_rng(0)
    pred, label = mx.nd.array(rng.normal(size=(2, 6, 4))), mx.nd.array([[0, 1, -1], [2, 2, 1]])
    lengths, label_lengths = mx.nd.array([4, 6]), mx.nd.array([1, 3])
    plain = mx.gluon.loss.CTCLoss()
    hybrid = mx.gluon.loss.CTCLoss()
    hybrid.hybridize()
    for args in ((None, label_lengths), (lengths, None), (lengths, label_lengths), (None, None),
                 (None, None, mx.nd.array([2.0, 0.5]))):
        np.testing.assert_allclose(hybrid(pred, label, *args).asnumpy(),
                                   plain(pred, label, *args).asnumpy(), rtol=1e-6)
    assert plain(pred, label, None, label_lengths).asnumpy()[0] != plain(pred, label).asnumpy()[0]
