"""CTCLoss / ctc_loss: Connectionist Temporal Classification (Graves et al., 2006), the loss of a
sequence of class scores against a shorter label sequence whose alignment is unknown.

data (T, N, C): unnormalised scores of C classes (one of them the blank) for T steps of N
sequences; label (N, L): each sequence's labels, padded. With p = softmax(data) over C and the
label l extended to l' = (blank, l1, blank, l2, ..., lL, blank) (S = 2L + 1 states), the
forward variables (log space) are

    alpha[0, 0] = log p[0, blank],  alpha[0, 1] = log p[0, l1]
    alpha[t, s] = logsumexp(alpha[t-1, s], alpha[t-1, s-1], alpha[t-1, s-2] (only where
                  l'[s] is not blank and differs from l'[s-2])) + log p[t, l'[s]]
    loss = -log P(l | x) = -logsumexp(alpha[T-1, S-1], alpha[T-1, S-2])

and beta the same run backwards. The gradient with respect to the scores is

    d loss / d data[t, k] = p[t, k] - sum over s with l'[s] = k of exp(alpha[t, s] + beta[t, s]
                            - log p[t, k] + loss)

(the softmax minus the posterior probability of class k at step t). MXNet (warp-ctc) computes it
in the forward pass and the backward pass scales it by the gradient from above; so does this op.

blank_label 'first' (the op's default): class 0 is the blank, labels are 1..C-1 and a 0 in label
ends a sequence; 'last' (what gluon.loss.CTCLoss uses): class C-1 is the blank, labels 0..C-2,
and -1 ends a sequence. use_data_lengths / use_label_lengths add the inputs data_lengths (N,)
and label_lengths (N,) instead. A label that cannot fit its steps (L plus its repeated
neighbours > T) has probability 0: its loss is inf and its gradient 0 (MXNet's kernel returns 0
there, a "TODO, not right" in its source; PyTorch returns inf as tinynet does).
"""
import numpy as np

from ..backend import to_device, to_numpy
from ..base import InvalidArgumentError
from .attrs import Attr
from .base import Op
from .softmax import Softmax


def _logsumexp(*terms):
    """log(sum(exp(terms))) elementwise, -inf where every term is -inf."""
    stacked = np.stack(terms)
    top = stacked.max(axis=0)
    finite = np.isfinite(top)
    safe = np.where(finite, top, 0.0)
    with np.errstate(divide='ignore'):            # log(0) where every term is -inf: masked
        return np.where(finite, safe + np.log(np.exp(stacked - safe).sum(axis=0)), -np.inf)


def ctc_one(log_p, labels, blank):
    """(loss, gradient with respect to the scores) of one sequence: log_p (T, C) log-softmax of
    its scores, labels a list of class indices. The module docstring's formulas."""
    T, C = log_p.shape
    extended = np.full(2 * len(labels) + 1, blank, dtype=np.int64)
    extended[1::2] = labels
    S = len(extended)
    repeats = sum(1 for a, b in zip(labels, labels[1:]) if a == b)
    if len(labels) + repeats > T:
        return np.inf, np.zeros_like(log_p)
    # where a state may be reached from two states back (skipping a blank)
    skip = np.zeros(S, dtype=bool)
    skip[2:] = (extended[2:] != blank) & (extended[2:] != extended[:-2])
    emit = log_p[:, extended]                               # (T, S): log p[t, l'[s]]
    alpha = np.full((T, S), -np.inf)
    alpha[0, :2] = emit[0, :2]
    for t in range(1, T):
        prev = alpha[t - 1]
        one_back = np.concatenate([[-np.inf], prev[:-1]])
        two_back = np.where(skip, np.concatenate([[-np.inf, -np.inf], prev[:-2]]), -np.inf)
        alpha[t] = _logsumexp(prev, one_back, two_back) + emit[t]
    log_likelihood = _logsumexp(alpha[T - 1, S - 1], alpha[T - 1, S - 2] if S > 1 else -np.inf)
    beta = np.full((T, S), -np.inf)
    beta[T - 1, S - 2:] = emit[T - 1, S - 2:]
    skip_ahead = np.concatenate([skip[2:], [False, False]])  # s may go to s + 2
    for t in range(T - 2, -1, -1):
        nxt = beta[t + 1]
        one_ahead = np.concatenate([nxt[1:], [-np.inf]])
        two_ahead = np.where(skip_ahead, np.concatenate([nxt[2:], [-np.inf, -np.inf]]), -np.inf)
        beta[t] = _logsumexp(nxt, one_ahead, two_ahead) + emit[t]
    # posterior of each (step, state), summed into the classes the states emit
    posterior = np.exp(alpha + beta - emit - log_likelihood)
    by_class = np.zeros_like(log_p)
    np.add.at(by_class, (slice(None), extended), posterior)
    return -log_likelihood, np.exp(log_p) - by_class


class CTCLoss(Op):
    """loss (N,) = -log P(label | data) of each sequence (module docstring); inputs data (T, N,
    C), label (N, L), and data_lengths / label_lengths (N,) when use_data_lengths /
    use_label_lengths."""
    arguments = ('data', 'label', 'data_lengths', 'label_lengths')    # the last two as asked
    index_arguments = ('label', 'data_lengths', 'label_lengths')
    attrs = (Attr('use_data_lengths', 'bool', False, 'take each sequence\'s steps from '
                  'data_lengths (default: all T)'),
             Attr('use_label_lengths', 'bool', False, 'take each label\'s length from '
                  'label_lengths (default: up to the first padding value, 0 or -1)'),
             Attr('blank_label', 'choice', 'first', "which class is the blank: 'first' (0) "
                  "or 'last' (C - 1)", choices=('first', 'last')))

    def list_arguments(self):
        return ['data', 'label'] + (['data_lengths'] if self.use_data_lengths else []) + \
            (['label_lengths'] if self.use_label_lengths else [])

    def infer_shape(self, in_shapes):
        data, label = in_shapes[0], in_shapes[1]
        if data is None:
            return in_shapes, [None]
        if len(data) != 3:
            raise InvalidArgumentError('%s: data must be (steps, batch, classes), got shape %s'
                                       % (self, tuple(data)))
        batch = data[1]
        if label is not None and (len(label) != 2 or label[0] != batch):
            raise InvalidArgumentError('%s: label must be (batch, length) with batch %d for data '
                                       'of shape %s, got shape %s'
                                       % (self, batch, tuple(data), tuple(label)))
        lengths = [(batch,)] * (len(in_shapes) - 2)
        for name, given in zip(self.list_arguments()[2:], in_shapes[2:]):
            self.check_shape(name, given, (batch,), data)
        return [data, label] + lengths, [(batch,)]

    def _labels(self, label, label_lengths, classes):
        """Each sequence's labels as a list of ints, checked against the classes."""
        blank = 0 if self.blank_label == 'first' else classes - 1
        pad = 0 if self.blank_label == 'first' else -1
        sequences = []
        for b, row in enumerate(label.astype(np.int64)):
            if label_lengths is not None:
                n = int(label_lengths[b])
                if not 0 <= n <= len(row):
                    raise InvalidArgumentError('%s: label_lengths[%d] is %d, but label has %d '
                                               'columns' % (self, b, n, len(row)))
                row = row[:n]
            else:
                ends = np.flatnonzero(row == pad)
                row = row[:ends[0]] if len(ends) else row
            bad = [int(v) for v in row if not 0 <= v < classes or v == blank]
            if bad:
                raise InvalidArgumentError(
                    "%s: label %d holds %s, which are not classes 0..%d other than the blank %d "
                    "(blank_label=%r)" % (self, b, bad, classes - 1, blank, self.blank_label))
            sequences.append([int(v) for v in row])
        return sequences, blank

    def forward(self, xp, inputs, record):
        data = to_numpy(inputs[0]).astype(np.float64)
        T, N, C = data.shape
        extra = [to_numpy(a) for a in inputs[2:]]
        steps = extra.pop(0) if self.use_data_lengths else np.full(N, T)
        label_lengths = extra.pop(0) if self.use_label_lengths else None
        sequences, blank = self._labels(to_numpy(inputs[1]), label_lengths, C)
        losses, grad = np.zeros(N), np.zeros_like(data)
        # log p over the classes of every step: the op table's log_softmax (each step alone)
        log_p = Softmax(self.name, axis=-1, log=True).forward(np, [data], False)[0][0]
        for b in range(N):
            t = int(steps[b])
            if not 1 <= t <= T:
                raise InvalidArgumentError('%s: data_lengths[%d] is %d, but data has %d steps'
                                           % (self, b, t, T))
            losses[b], grad[:t, b] = ctc_one(log_p[:t, b], sequences[b], blank)
        dtype = inputs[0].dtype
        saved = (to_device(grad.astype(dtype), xp), [(a.shape, a.dtype) for a in inputs[1:]]) \
            if record else None
        return [to_device(losses.astype(dtype), xp)], saved

    def backward(self, xp, saved, out_grads, needs_grad):
        grad, others = saved
        dx = grad * out_grads[0].reshape(1, -1, 1)
        return [dx] + [xp.zeros(shape, dtype) if need else None
                       for (shape, dtype), need in zip(others, needs_grad[1:])]
