"""Reverse-mode automatic differentiation, on one screen.

Forward: `apply(xp, op, inputs)` runs `op.forward` on the inputs' arrays and, while recording, keeps a
`Node` that remembers the op, its input and output `Value`s, and what the op saved for backward.

Backward: `backward(xp, heads)` orders the recorded nodes so that every node comes after all nodes
that consumed its outputs (an iterative depth-first search, so deep graphs never hit Python's
recursion limit), then walks them calling `op.backward`, which turns the gradients of a node's outputs
into gradients of its inputs. A value that feeds several ops receives the sum of their gradients.

    x ──► [FullyConnected] ──► h ──► [Activation] ──► y          forward: left to right
    dx ◄── op.backward ◄────── dh ◄── op.backward ◄── dy          backward: right to left
"""
import contextlib

_recording = True   # False inside `no_grad()`: inference records nothing


class Value:
    """An array in the graph: its data, the node that made it (None for a leaf), its gradient."""
    __slots__ = ('data', 'creator', 'grad', 'requires_grad', 'name')

    def __init__(self, data, requires_grad=False, name=None):
        self.data = data
        self.creator = None
        self.grad = None
        self.requires_grad = requires_grad
        self.name = name

    def __repr__(self):
        return 'Value(%s, shape=%s)' % (self.name or '?', tuple(self.data.shape))


class Node:
    """One application of an op: `outputs = op(inputs)`, plus what backward needs (`saved`)."""
    __slots__ = ('op', 'inputs', 'outputs', 'saved')

    def __init__(self, op, inputs, outputs, saved):
        self.op, self.inputs, self.outputs, self.saved = op, inputs, outputs, saved


@contextlib.contextmanager
def no_grad():
    """Inference mode: ops run forward only and no graph is kept (and no memory held for backward)."""
    global _recording
    previous, _recording = _recording, False
    try:
        yield
    finally:
        _recording = previous


def is_recording():
    return _recording


def apply(xp, op, inputs, is_train=True):
    """Run `op` forward on the `Value`s `inputs`; record a Node when a gradient will be wanted."""
    record = is_train and _recording and any(v.requires_grad for v in inputs)
    outputs, saved = op.forward(xp, [v.data for v in inputs], record)
    outs = [Value(y, requires_grad=record) for y in outputs]
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


def backward(xp, heads, head_grads=None):
    """Fill `.grad` of every value that requires one, from the heads' gradients (default: ones).

    Nodes are processed in reverse topological order, so when a node runs, every consumer of its
    outputs has already added its share to their `.grad`.
    """
    if head_grads is None:
        head_grads = [None] * len(heads)
    for value, grad in zip(heads, head_grads):
        value.grad = xp.ones_like(value.data) if grad is None else grad
    for node in reversed(topological_order(heads)):
        if node.outputs is None:
            raise RuntimeError('backward: the graph through %s was already used by a backward '
                               'pass and freed; run forward again' % node.op)
        out_grads = [out.grad if out.grad is not None else xp.zeros_like(out.data)
                     for out in node.outputs]
        needs_grad = [value.requires_grad for value in node.inputs]
        in_grads = node.op.backward(xp, node.saved, out_grads, needs_grad)
        outputs = node.outputs
        # Free what forward kept as soon as it is used, and cut the node from its outputs: a
        # Value and its creator point at each other, and without this cut each batch's graph
        # (and its activations) would wait for Python's cycle collector instead of going at once.
        node.saved = node.outputs = None
        for value, grad, needed in zip(node.inputs, in_grads, needs_grad):
            if not needed:
                continue
            # One check that catches a whole class of op bugs (teenygrad's habit).
            if grad is None or grad.shape != value.data.shape or grad.dtype != value.data.dtype:
                raise AssertionError(
                    '%s backward returned a gradient of %s %s for an input of %s %s' % (
                        node.op, None if grad is None else tuple(grad.shape),
                        None if grad is None else grad.dtype, tuple(value.data.shape),
                        value.data.dtype))
            # Never add into an incoming gradient in place: another branch may share it.
            value.grad = grad if value.grad is None else value.grad + grad
        for out in outputs:
            if out not in heads:
                out.grad = None              # intermediate gradients are not needed any more
