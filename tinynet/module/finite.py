"""The NaN finder: Module.fit's check, once per batch, that training is still finite, and when it
is not, where it stopped being so.

    where = first_non_finite(group, symbol, param_names, data_names, learning_rate)
    if where: raise FloatingPointError(... where)

While all is well the check costs one sum of each output, gradient and parameter (NaN and
infinity survive a sum). When a sum is not finite, the batch is run forward and back again on the
executor that saw it (its parameters not yet updated), layer by layer in forward order, to name
the first layer whose output or gradient went non-finite. Parameters that are non-finite at the
check were made so by the previous batch's update, whose gradients had passed this same check.
"""
import logging
import math

from ..backend import get_array_module

_warned_saturation = []     # a saturated softmax is worth one warning per process, not a stop


def all_finite(arrays):
    """Whether every number of `arrays` is finite: one sum per array, in the arrays' own dtype
    (twice as fast as summing in float64). Finite values can only overflow such a sum when they
    are around 1e32, which is a diverged training run too."""
    total = 0.0
    for a in arrays:
        total += float(a.sum())
    return math.isfinite(total)


def count_non_finite(array):
    return int((~get_array_module(array).isfinite(array)).sum())


def first_non_finite(group, symbol, param_names, data_names, label_names, learning_rate,
                     updated=True):
    """None when the last batch's outputs and gradients, and the parameters, are finite on every
    context of the ExecutorGroup `group`; else what went non-finite first, and where. `updated`:
    whether an update has run since training started (else the parameters came as they are)."""
    group.contexts[0].activate()                # the parameters: the first context's replica
    params = [group.param(n) for n in param_names]
    if not all_finite(params):
        where = _bad_parameters(group, symbol, param_names, learning_rate, updated)
        if where is not None:
            return where         # (else finite values whose sum overflows: look at the outputs)
    for ctx, exe, _ in group.parts():
        ctx.activate()
        if all_finite(list(exe.output_arrays) + [g.data_array for g in exe.grad_dict.values()]):
            _warn_if_saturated(symbol, exe, label_names, learning_rate)
            continue
        where = _locate(exe, symbol, param_names, data_names, learning_rate if updated else None)
        return 'on %s, %s' % (ctx, where) if len(group.executors) > 1 else where
    return None


def _layers(symbol, param_names):
    """(op node, [parameter names]) of every layer, in forward order."""
    return [(node, [c.name for c in node.inputs if c.is_variable and c.name in param_names])
            for node in symbol.topological_nodes() if node.op is not None]


def _locate(exe, symbol, param_names, data_names, learning_rate):
    """The first layer, in forward order, whose output or gradient is not finite, found by running
    the batch (still bound to `exe`, the parameters not yet updated) forward and back again.
    `learning_rate`: the optimizer's, when updates have run (None before any)."""
    for name in data_names:
        if not all_finite([exe.array(name)]):
            return ("the batch's input %r holds %d NaN or infinite values: the data itself is "
                    "not finite" % (name, count_non_finite(exe.array(name))))
    exe.forward(is_train=True)
    outputs = dict(exe.internal_outputs())
    layers = _layers(symbol, param_names)
    for node, params in layers:
        if not all_finite([outputs[node.name + '_output']]):
            return 'the output of layer %r (%s) is the first that is not finite%s' % (
                node.name, type(node.op).__name__, '' if learning_rate is None else
                ' (its parameters are finite, as updated with learning rate %s: if that is '
                'too large, they may have grown too large)' % learning_rate)
    exe.backward()
    for node, params in layers:
        bad = [p for p in params if p in exe.grad_dict and not all_finite([exe.grad(p)])]
        if bad:
            return ('the gradient of layer %r (%s), for %s, is the first that is not finite; '
                    'the learning rate may be too large' % (node.name, type(node.op).__name__,
                                                            ', '.join(bad)))
    return ('the outputs or gradients are so large that their sums overflow (no single value '
            'is infinite): training has diverged; the learning rate may be too large')


def _bad_parameters(group, symbol, param_names, learning_rate, updated):
    """What made parameters non-finite, or None when each value is finite (only a sum
    overflowed)."""
    for node, params in _layers(symbol, param_names):
        bad = [p for p in params if count_non_finite(group.param(p))]
        if bad and not updated:
            return ('the parameters %s of layer %r are not finite before any update: they were '
                    'given (arg_params, set_params, a checkpoint) or initialized so'
                    % (bad, node.name))
        if bad:
            return ('the last update made the parameters %s of layer %r non-finite while their '
                    'gradients were finite: the learning rate (%s) is too large' % (
                        bad, node.name, learning_rate))
    return None


def _warn_if_saturated(symbol, exe, label_names, learning_rate):
    """Log once when a SoftmaxOutput head gives a row's label probability 0: its cross-entropy
    is infinite, though every number, and the gradient p - y, is finite and exact, so training
    goes on (MXNet's does too)."""
    head = symbol.output_nodes[0]
    if _warned_saturation or type(head.op).__name__ != 'SoftmaxOutput' or not label_names or \
            exe.output_arrays[0].ndim != 2:
        return
    p = exe.output_arrays[0]
    label = exe.array(label_names[0]).reshape(-1).astype('int64')
    if label.shape[0] != p.shape[0]:
        return
    xp = get_array_module(p)
    certain_and_wrong = int((p[xp.arange(p.shape[0]), label.clip(0, p.shape[1] - 1)] == 0).sum())
    if certain_and_wrong:
        _warned_saturation.append(True)
        logging.getLogger('tinynet').warning(
            'Module.fit: the network gives probability 0 to the true class of %d of a batch\'s '
            'samples (its outputs have saturated: the cross-entropy is infinite, though the '
            'gradient is exact and training goes on); the learning rate (%s) may be too large',
            certain_and_wrong, learning_rate)
