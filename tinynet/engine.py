"""Reverse-mode automatic differentiation, on one screen: the engine under every face of tinynet.

Forward: `apply(xp, op, inputs, record)` runs `op.forward` on the inputs' arrays and, when recording,
keeps a `Node` that remembers the op, its input and output `Value`s, and what the op saved for
backward. The symbolic executor and `mx.nd` both call it; neither has an engine of its own.

Backward: `backward(xp, heads)` walks the recorded nodes from the heads back, each after every node
that consumed its outputs, calling `op.backward`, which turns the gradients of a node's outputs into
gradients of its inputs. A value that feeds several ops receives the sum of their gradients. The
order is a depth-first search done without recursion (deep graphs never hit Python's recursion
limit), or the forward order itself when the caller already has it (the executor does).

    x ──► [FullyConnected] ──► h ──► [Activation] ──► y          forward: left to right
    dx ◄── op.backward ◄────── dh ◄── op.backward ◄── dy          backward: right to left

Leaves (values no op made: parameters, data) keep their gradient in `Value.grad`, as their
`grad_req` says: 'write' overwrites it on each backward, 'add' adds to it, 'null' keeps none.
Gradients of intermediate values live only during the walk.

Two process-wide switches say what the imperative face records: `is_recording()` (is the tape on?)
and `is_training()` (do train/predict-dependent ops behave as in training?). `tinynet.autograd` sets
them with `record()`, `pause()`, `train_mode()` and `predict_mode()`.
"""
_recording = False    # mx.nd records ops on the tape only while this is on (autograd.record)
_training = False     # ops that differ in training (Dropout, BatchNorm) read this


class Version:
    """How many times an array's memory was written in place (PyTorch's version counter). Values
    whose arrays share memory (a reshape, a slice) share one, so a write through either counts."""
    __slots__ = ('count',)

    def __init__(self):
        self.count = 0


class Value:
    """An array in the graph: its data, the node that made it (None for a leaf), and for a leaf its
    gradient array and how backward treats it (`grad_req`: 'write', 'add' or 'null')."""
    __slots__ = ('data', 'creator', 'grad', 'grad_req', 'name', 'grad_writes', 'version')

    def __init__(self, data, requires_grad=False, name=None, grad=None, grad_req=None):
        self.data = data
        self.creator = None
        self.grad = grad
        self.grad_req = grad_req or ('write' if requires_grad else 'null')
        self.name = name
        self.grad_writes = 0         # how many backward passes have written .grad
        self.version = Version()     # bumped by every in-place write (NDArray's x[...] = v)

    @property
    def requires_grad(self):
        return self.creator is not None or self.grad_req != 'null'

    def __repr__(self):
        return 'Value(%s, shape=%s)' % (self.name or '?', tuple(self.data.shape))


class Node:
    """One application of an op: `outputs = op(inputs)`, plus what backward needs (`saved`) and
    the versions its inputs and outputs had then (backward refuses arrays changed since)."""
    __slots__ = ('op', 'inputs', 'outputs', 'saved', 'versions')

    def __init__(self, op, inputs, outputs, saved):
        self.op, self.inputs, self.outputs, self.saved = op, inputs, outputs, saved
        self.versions = [v.version.count for v in inputs + outputs]

    def check_unchanged(self):
        """Raise when an array this node saved for backward was written in place since forward:
        its gradient would be computed from the new values, silently wrong (MXNet 1.x does
        that; PyTorch refuses, as tinynet does)."""
        for i, (value, seen) in enumerate(zip(self.inputs + self.outputs, self.versions)):
            if value.version.count != seen:
                what = 'input %d' % i if i < len(self.inputs) else \
                    'output %d' % (i - len(self.inputs))
                raise RuntimeError(
                    'backward: %s of %s (shape %s) was changed in place after the forward that '
                    'recorded it (x[...] = ..., x += ...), so its gradient cannot be computed; '
                    'write the new values into a new array (y = x * 2), or change it after '
                    'backward' % (what, self.op, tuple(value.data.shape)))


def is_recording():
    """Whether autograd is recording mx.nd ops now (inside autograd.record() and not pause())."""
    return _recording


def is_training():
    """Whether ops that differ in training (Dropout, BatchNorm) behave as in training now."""
    return _training


def set_recording(flag):
    """Turn the tape on or off; returns the previous state."""
    global _recording
    previous, _recording = _recording, bool(flag)
    return previous


def set_training(flag):
    """Switch ops to training (True) or prediction (False) behaviour; returns the previous state."""
    global _training
    previous, _training = _training, bool(flag)
    return previous


def apply(xp, op, inputs, record=True, views=True):
    """Run `op` forward on the `Value`s `inputs`. With `record`, and when some input needs a
    gradient, keep a Node (and the op keeps what its backward needs); otherwise keep nothing.
    `views`: whether an output may stay a view of an input's memory (True: the executor's
    arrays, a reshape method), or only when C-contiguous ('contiguous': MXNet's basic indexing),
    or never (False: mx.nd's functions, whose results MXNet gives as arrays of their own)."""
    record = record and any(v.requires_grad for v in inputs)
    outputs, saved = op.forward(xp, [v.data for v in inputs], record)
    if op.may_return_view and views is not True:
        outputs = [y.copy() if any(xp.may_share_memory(y, v.data) for v in inputs) and not (
            views == 'contiguous' and y.flags.c_contiguous) else y for y in outputs]
    outs = [Value(y) for y in outputs]
    if op.may_return_view:       # a view of an input shares its memory, so its version too
        for out in outs:
            for value in inputs:
                if xp.may_share_memory(out.data, value.data):
                    out.version = value.version
    if record:
        node = Node(op, inputs, outs, saved)
        for out in outs:
            out.creator = node
    return outs


def depth_first_order(roots, children):
    """Every node reachable from `roots`, each after all of its `children(node)`, children visited
    in order (a post-order depth-first search). Iterative, with an explicit stack, so a graph of
    any depth works (a recursive version hits Python's recursion limit near 1000 layers)."""
    order, visited = [], set()
    stack = [(node, False) for node in reversed(roots)]
    while stack:
        node, children_done = stack.pop()
        if children_done:                    # second visit: everything it reads is already placed
            order.append(node)
            continue
        if id(node) in visited:
            continue
        visited.add(id(node))
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(children(node))
                     if id(child) not in visited)
    return order


def topological_order(heads):
    """The nodes behind the values `heads`, each after the nodes that made its inputs."""
    return depth_first_order([v.creator for v in heads if v.creator is not None],
                             lambda node: [v.creator for v in node.inputs if v.creator is not None])


def gradients(xp, heads, head_grads=None, order=None, retain_graph=False):
    """The walk: {id(value): gradient} for every value behind `heads`, and the leaves reached.

    `head_grads` default to ones. `order` is the recorded nodes in forward order when the caller
    knows it, else it is found here. Unless `retain_graph`, each node's saved arrays are freed as
    soon as its backward has used them, and a second walk through it raises."""
    if head_grads is None:
        head_grads = [None] * len(heads)
    grads, leaves = {}, []

    def add(value, grad):
        key = id(value)
        if key not in grads:
            grads[key] = grad
            if value.creator is None:
                leaves.append(value)
        else:   # a value used twice gets the sum; never added in place: `grad` may be shared
            grads[key] = grads[key] + grad

    for value, grad in zip(heads, head_grads):
        add(value, xp.ones_like(value.data) if grad is None else grad)
    for node in reversed(topological_order(heads) if order is None else order):
        if node.outputs is None:
            raise RuntimeError('backward: the graph through %s was already used by a backward pass '
                               'and freed; run forward again (or pass retain_graph=True)' % node.op)
        out_grads = [grads.pop(id(out), None) for out in node.outputs]
        if all(g is None for g in out_grads):
            continue                         # nothing flows back through this node
        out_grads = [xp.zeros_like(out.data) if g is None else g
                     for g, out in zip(out_grads, node.outputs)]
        node.check_unchanged()
        needs_grad = [value.requires_grad for value in node.inputs]
        in_grads = node.op.backward(xp, node.saved, out_grads, needs_grad)
        inputs = node.inputs
        if not retain_graph:
            # Free what forward kept as soon as it is used, and cut the node from its outputs: a
            # Value and its creator point at each other, and without this cut each batch's graph
            # (and its activations) would wait for Python's cycle collector instead of going at once.
            # Its inputs go too: an array made from this graph but outside the loss (BatchNorm's
            # running mean, updated step after step from the batch mean) would otherwise hold
            # every step's activations through its chain of creators.
            node.saved = node.outputs = None
            node.inputs = ()
        for value, grad, needed in zip(inputs, in_grads, needs_grad):
            if not needed:
                continue
            # One check that catches a whole class of op bugs (teenygrad's habit).
            if grad is None or grad.shape != value.data.shape or grad.dtype != value.data.dtype:
                raise AssertionError(
                    '%s backward returned a gradient of %s %s for an input of %s %s' % (
                        node.op, None if grad is None else tuple(grad.shape),
                        None if grad is None else grad.dtype, tuple(value.data.shape),
                        value.data.dtype))
            add(value, grad)
    return grads, leaves


def backward(xp, heads, head_grads=None, order=None, retain_graph=False):
    """Walk back from `heads` (gradients `head_grads`, default ones) and store each leaf's gradient
    in its `.grad` as its grad_req says: 'write' overwrites, 'add' adds, 'null' skips. A leaf's
    `.grad` array, when it has one, is written in place, so whoever holds it sees the new values."""
    grads, leaves = gradients(xp, heads, head_grads, order, retain_graph)
    for leaf in leaves:
        grad = grads[id(leaf)]
        if leaf.grad_req == 'null':
            continue
        leaf.grad_writes += 1
        if leaf.grad is None:
            leaf.grad = grad.copy()          # our own array: `grad` may be the caller's
        elif leaf.grad_req == 'add':
            leaf.grad += grad
        else:
            leaf.grad[...] = grad
