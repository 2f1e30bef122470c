"""MXNet's autograd API: record what `mx.nd` computes, then differentiate it.

    x = mx.nd.array([[1, 2], [3, 4]])
    x.attach_grad()                        # x is a leaf whose gradient we want
    with mx.autograd.record():             # ops on x are written down on the tape ...
        y = (x * x).sum()
    y.backward()                           # ... and walked back: x.grad is 2x

`record()` turns the tape on (and training behaviour, unless train_mode=False); `pause()` turns it
off inside a record block; `train_mode()` and `predict_mode()` switch only the behaviour of ops that
differ between training and prediction (Dropout, BatchNorm). The engine itself, the tape and the
backward walk, is `tinynet/engine.py`; this module is the switches and the calls on NDArrays.
"""
import contextlib

from . import engine
from .base import InvalidArgumentError
from .engine import is_recording, is_training, set_recording, set_training  # noqa: F401 (API)
from .ndarray import NDArray
from .ndarray.ndarray import heads_and_grads


@contextlib.contextmanager
def _scope(recording, training):
    """Set the recording and training switches (None leaves one as it is), and restore them."""
    old_recording = set_recording(recording) if recording is not None else None
    old_training = set_training(training) if training is not None else None
    try:
        yield
    finally:
        if recording is not None:
            set_recording(old_recording)
        if training is not None:
            set_training(old_training)


def record(train_mode=True):
    """A `with` block whose NDArray ops are recorded for backward; ops behave as in training unless
    train_mode=False."""
    return _scope(True, train_mode)


def pause(train_mode=False):
    """A `with` block, inside record(), whose ops are not recorded (and behave as in prediction,
    unless train_mode=True)."""
    return _scope(False, train_mode)


def train_mode():
    """A `with` block in which ops behave as in training; recording is left as it is."""
    return _scope(None, True)


def predict_mode():
    """A `with` block in which ops behave as in prediction; recording is left as it is."""
    return _scope(None, False)


def backward(heads, head_grads=None, retain_graph=False, train_mode=True):
    """Walk back from the NDArrays `heads` (their gradients `head_grads`, ones by default) and
    write the gradients of the leaves into their attached `.grad`, as their grad_req says."""
    values, grads = heads_and_grads('backward', heads, head_grads)
    xp = _xp_of(heads)
    engine.backward(xp, values, grads, retain_graph=retain_graph)


def grad(heads, variables, head_grads=None, retain_graph=None, create_graph=False,
         train_mode=True):
    """The gradients of `heads` with respect to `variables` (NDArrays that had attach_grad or
    mark_variables), as a list of new NDArrays; `.grad` is left as it was."""
    if create_graph:
        raise ValueError('autograd.grad: create_graph=True (higher-order gradients) is not '
                         'supported')
    values, grads = heads_and_grads('grad', heads, head_grads)
    variables = [variables] if isinstance(variables, NDArray) else list(variables)
    xp = _xp_of(heads)
    found, _ = engine.gradients(xp, values, grads, retain_graph=bool(retain_graph))
    result = []
    for i, v in enumerate(variables):
        g = found.get(id(v.engine_value))
        if g is None:       # not a zero gradient: the heads were not computed from it (MXNet's)
            raise InvalidArgumentError('autograd.grad: variable %d (shape %s) is not reachable '
                                       'from the heads; they were not computed from it inside '
                                       'record()' % (i, v.shape))
        result.append(NDArray(g, v.context))
    return result


def _xp_of(heads):
    """The array module of the heads' context, made the current device for the walk."""
    ctx = (heads if isinstance(heads, NDArray) else heads[0]).context
    ctx.activate()
    return ctx.xp


def tape(heads):
    """The recorded engine Nodes behind the NDArrays `heads`, in forward order (each node after
    the nodes that made its inputs): what backward will walk, in reverse. For looking, not
    changing: each Node has .op, .inputs and .outputs (engine Values with .data)."""
    heads = [heads] if isinstance(heads, NDArray) else list(heads)
    return engine.topological_order([h.engine_value for h in heads])


def mark_variables(variables, gradients, grad_reqs='write'):
    """Make each NDArray of `variables` a leaf whose gradient goes into the matching NDArray of
    `gradients` (MXNet's lower-level attach_grad)."""
    variables = [variables] if isinstance(variables, NDArray) else list(variables)
    gradients = [gradients] if isinstance(gradients, NDArray) else list(gradients)
    reqs = [grad_reqs] * len(variables) if isinstance(grad_reqs, str) else list(grad_reqs)
    if not len(variables) == len(gradients) == len(reqs):
        raise ValueError('autograd.mark_variables: %d variables, %d gradients and %d grad_reqs'
                         % (len(variables), len(gradients), len(reqs)))
    for v, g, req in zip(variables, gradients, reqs):
        if g.shape != v.shape:
            raise ValueError('autograd.mark_variables: a gradient of shape %s for a variable of '
                             'shape %s' % (g.shape, v.shape))
        v.attach_grad(req)
        if req != 'null':
            v.engine_value.grad = g.data_array


# what `from mxnet.autograd import *` gives in MXNet (its module has no __all__: Function and
# the NDArray class come with it, and MXNet's tests use them so)
__all__ = ['record', 'pause', 'train_mode', 'predict_mode', 'is_recording', 'is_training',
           'set_recording', 'set_training', 'backward', 'grad', 'mark_variables', 'tape', 'engine',
           'Function', 'NDArray']


class Function:
    """An op written as two Python methods on NDArrays, MXNet's autograd.Function:

        class Sigmoid(mx.autograd.Function):
            def forward(self, x):
                y = 1 / (1 + mx.nd.exp(-x))
                self.save_for_backward(y)
                return y
            def backward(self, dy):
                y, = self.saved_tensors
                return dy * y * (1 - y)

        y = Sigmoid()(x)          # inside record(): backward() calls Sigmoid.backward

    forward takes and returns NDArrays (one or a tuple); backward gets one gradient per output
    and returns one per input. What they compute inside is not recorded. One object per call,
    as in MXNet (save_for_backward keeps what the last forward saved)."""

    def __init__(self):
        self.saved_tensors = ()

    def save_for_backward(self, *args):
        """Keep NDArrays for backward, as self.saved_tensors."""
        self.saved_tensors = args

    def forward(self, *inputs):
        """The outputs from the inputs (NDArrays)."""
        raise NotImplementedError('%s: an autograd.Function defines forward' % type(self).__name__)

    def backward(self, *output_grads):
        """The inputs' gradients from the outputs' gradients (NDArrays)."""
        raise NotImplementedError('%s: an autograd.Function defines backward'
                                  % type(self).__name__)

    def __call__(self, *inputs):
        for x in inputs:
            if not isinstance(x, NDArray):
                raise TypeError('%s: inputs must be NDArrays, got %s'
                                % (type(self).__name__, type(x).__name__))
        ctx = inputs[0].context
        outputs = engine.apply(ctx.xp, _FunctionOp(self, ctx), [x.engine_value for x in inputs],
                               record=is_recording())
        arrays = [NDArray(v, ctx) for v in outputs]
        return arrays[0] if len(arrays) == 1 else tuple(arrays)


class _FunctionOp:
    """The engine's view of a Function: forward and backward on raw arrays, calling the user's
    methods on NDArrays with recording off."""
    may_return_view = False

    def __init__(self, function, ctx):
        self.function, self.ctx = function, ctx
        self.name = type(function).__name__

    def __repr__(self):
        return 'autograd.Function %s' % self.name

    def _call(self, method, arrays):
        with pause(train_mode=is_training()):
            result = method(*[NDArray(a, self.ctx) for a in arrays])
        result = result if isinstance(result, (tuple, list)) else (result,)
        for r in result:
            if not isinstance(r, NDArray):
                raise TypeError('%s.%s must return NDArrays, got %s'
                                % (self.name, method.__name__, type(r).__name__))
        return [r.data_array for r in result]

    def forward(self, xp, inputs, record):
        outputs = self._call(self.function.forward, inputs)
        return outputs, ([(a.shape, a.dtype) for a in inputs] if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        grads = self._call(self.function.backward, out_grads)
        if len(grads) != len(saved):
            raise ValueError('%s.backward returned %d gradients for %d inputs'
                             % (self.name, len(grads), len(saved)))
        return [g.astype(dtype, copy=False) if g.shape == shape else
                xp.broadcast_to(g, shape).astype(dtype)
                for g, (shape, dtype) in zip(grads, saved)]
