"""Executor: a symbol bound to arrays. `forward` runs the graph, `backward` fills `grad_dict`.

    exe = net.simple_bind(mx.cpu(), data=(100, 1, 28, 28))      # arrays allocated from shapes
    exe.arg_dict['data'][:] = batch
    exe.forward(is_train=True)                                   # exe.outputs
    exe.backward()                                               # exe.grad_dict

forward walks the symbol's nodes in topological order, handing each op's forward to
`engine.apply`, which records what backward needs; backward hands the heads, and the recorded nodes
in that same order, to `engine.backward`, which writes each argument's gradient into its array of
`grad_dict` ('write'), adds it there ('add'), or skips it ('null').

Binding to the CPU tunes the process's malloc once (`backend.keep_freed_host_memory`): each training
step then reuses the memory the last one freed instead of faulting it in from the OS again.
"""
import math

import numpy as np

from . import engine
from .backend import Context, copy_into, cpu, keep_freed_host_memory, memory_size, to_device
from .base import InvalidArgumentError
from .ndarray import NDArray
from .ndarray.ndarray import array_of
from .util import is_label

GRAD_REQS = ('write', 'add', 'null')


def _grad_req_dict(grad_req, arg_names):
    if isinstance(grad_req, str):
        reqs = {name: grad_req for name in arg_names}
    elif isinstance(grad_req, (list, tuple)):
        if len(grad_req) != len(arg_names):
            raise ValueError('grad_req: %d entries for %d arguments %s'
                             % (len(grad_req), len(arg_names), arg_names))
        reqs = dict(zip(arg_names, grad_req))
    elif isinstance(grad_req, dict):
        reqs = {name: grad_req.get(name, 'null') for name in arg_names}
    else:
        raise TypeError('bind: grad_req must be a str, list or dict, got %s' % type(grad_req).__name__)
    for name, req in reqs.items():
        if req not in GRAD_REQS:
            raise ValueError("bind: grad_req for %r must be one of 'write', 'add', 'null', got %r"
                             % (name, req))
    return reqs


def _as_dict(arrays, names, what):
    """{name: array or NDArray} from a dict or a list in `names` order."""
    if arrays is None:
        return {}
    if isinstance(arrays, dict):
        unknown = sorted(set(arrays) - set(names))
        if unknown:
            raise ValueError('bind: %s given for %s, which are not arguments of the symbol (%s)'
                             % (what, unknown, names))
        pairs = arrays.items()
    else:
        arrays = list(arrays)
        if len(arrays) != len(names):
            raise ValueError('bind: %d %s for %d arguments %s'
                             % (len(arrays), what, len(names), names))
        pairs = zip(names, arrays)
    return dict(pairs)


def _bound(array, ctx):
    """The NDArray an executor keeps for a given array. A given NDArray is kept itself: the
    executor binds that very memory, as MXNet's does, so a write to it is seen by the next
    forward and backward writes the gradient into the NDArray given for it. A NumPy or CuPy
    array already on the device is wrapped without copying; any other is copied there once."""
    if isinstance(array, NDArray) and array.data_array is to_device(array.data_array, ctx.xp):
        return array
    return NDArray(to_device(array_of(array), ctx.xp), ctx)


def simple_bind(symbol, ctx, grad_req, type_dict, shapes):
    """Allocate zero arrays for every argument (and gradient) from the shapes of the inputs."""
    ctx = Context(ctx) if ctx is not None else cpu()
    xp = ctx.xp
    ctx.activate()
    arg_shapes, _, aux_shapes = symbol.infer_shape(**shapes)
    arg_names = symbol.list_arguments()
    if arg_shapes is None:
        partial = symbol.infer_shape_partial(**shapes)[0]
        missing = [n for n, s in zip(arg_names, partial) if not s]
        raise ValueError('simple_bind: cannot infer the shapes of %s from %s; give their shapes too'
                         % (missing, shapes))
    type_dict = type_dict or {}
    reqs = _grad_req_dict(grad_req, arg_names)
    _check_fits_in_memory(symbol, xp, [(name, shape, type_dict.get(name, np.float32),
                                        1 if reqs[name] == 'null' else 2)
                                       for name, shape in zip(arg_names, arg_shapes)]
                          + [(name, shape, np.float32, 1) for name, shape
                             in zip(symbol.list_auxiliary_states(), aux_shapes)])
    args = {name: xp.zeros(shape, dtype=type_dict.get(name, np.float32))
            for name, shape in zip(arg_names, arg_shapes)}
    grads = {name: xp.zeros_like(args[name]) for name in arg_names if reqs[name] != 'null'}
    aux = {name: xp.zeros(shape, dtype=np.float32)
           for name, shape in zip(symbol.list_auxiliary_states(), aux_shapes)}
    return Executor(symbol, ctx, args, grads, reqs, aux)


def _check_fits_in_memory(symbol, xp, arrays):
    """Refuse, before allocating anything, arrays ((name, shape, dtype, copies) rows) that together
    need more than the device's memory: a symbol whose attribute asks for a huge array (a
    FullyConnected with num_hidden=1e11 from a damaged or hostile JSON file) gets an error naming
    the largest array, its layer and the layer's attributes, not a MemoryError from NumPy or a
    machine swapping itself to a halt."""
    sizes = {name: math.prod(shape) * np.dtype(dtype).itemsize * copies
             for name, shape, dtype, copies in arrays}
    limit = memory_size(xp)
    if sum(sizes.values()) <= limit:
        return
    largest = max(sizes, key=sizes.get)
    shape = next(shape for name, shape, _, _ in arrays if name == largest)
    layer = next((node for node in symbol.topological_nodes() if node.op is not None
                  and any(child.is_variable and child.name == largest for child in node.inputs)), None)
    raise InvalidArgumentError(
        'bind: the arrays of this symbol need %.3g bytes, more than the %.3g bytes of memory %s '
        'has; the largest is %r with shape %s%s' % (
            sum(sizes.values()), limit, 'the GPU' if xp is not np else 'this machine', largest,
            tuple(shape), '' if layer is None else ', an input of %r (its attributes: %s)' % (
                layer.op, ', '.join('%s=%s' % kv for kv in sorted(layer.attrs.items())
                                    if not kv[0].startswith('__')) or 'none')))


class Executor:

    def __init__(self, symbol, ctx, args, args_grad=None, grad_req='write', aux_states=None):
        self.symbol = symbol
        self.ctx = Context(ctx) if ctx is not None else cpu()
        self._xp = xp = self.ctx.xp
        self.ctx.activate()
        if xp is np:
            keep_freed_host_memory()     # a process-wide malloc setting: see backend.py
        arg_names = symbol.list_arguments()
        args = _as_dict(args, arg_names, 'arrays')
        missing = [name for name in arg_names if name not in args]
        if missing:
            raise ValueError('bind: no array given for argument(s) %s' % missing)
        # arg_dict, grad_dict and aux_dict hold NDArrays, as MXNet's: the arrays given, or
        # NDArrays wrapping them (see _bound). forward and backward read the memory under them.
        self.arg_dict = {name: _bound(args[name], self.ctx) for name in arg_names}
        grads = _as_dict(args_grad, arg_names, 'gradient arrays')
        reqs = _grad_req_dict(grad_req, arg_names)
        self._grad_req = {name: (reqs[name] if name in grads else 'null') for name in arg_names}
        self.grad_dict = {name: _bound(grads[name], self.ctx) for name in arg_names
                          if name in grads and grads[name] is not None}
        self.aux_dict = {name: _bound(a, self.ctx)
                         for name, a in _as_dict(aux_states, symbol.list_auxiliary_states(),
                                                 'aux states').items()}
        missing = [n for n in symbol.list_auxiliary_states() if n not in self.aux_dict]
        if missing:
            raise ValueError('bind: no array given for auxiliary state(s) %s (pass aux_states, '
                             'or use simple_bind, which makes them)' % missing)
        self._bound_shapes = self._check_shapes()
        self._nodes = symbol.topological_nodes()
        self._head_nodes = symbol.output_nodes
        self.outputs = []           # NDArrays of the last forward's heads
        self.output_arrays = []     # the NumPy or CuPy arrays under them (what tinynet reads)
        self._heads = []            # the heads' Values, between forward(is_train=True) and backward
        self._tape = None           # the recorded autograd Nodes of that forward, in forward order
        self._internals = {}        # every op's output of the last forward, for internal_outputs()
        self._inference_ran = False  # the last forward was is_train=False (see backward)

    def _check_shapes(self):
        """Ask every op whether the bound arrays fit it; raises its clear error when not."""
        shapes = {name: a.shape for name, a in self.arg_dict.items()}
        arg_shapes = self.symbol.infer_shape(**shapes)[0]
        for name, shape in zip(self.symbol.list_arguments(), arg_shapes or []):
            if name in self.grad_dict and tuple(self.grad_dict[name].shape) != shape:
                raise ValueError('bind: gradient array for %r has shape %s, the argument has %s'
                                 % (name, tuple(self.grad_dict[name].shape), shape))
        return shapes

    @property
    def arg_arrays(self):
        """The arguments' NDArrays in list_arguments() order."""
        return [self.arg_dict[name] for name in self.symbol.list_arguments()]

    @property
    def grad_arrays(self):
        """The gradients' NDArrays in list_arguments() order (None where grad_req is 'null')."""
        return [self.grad_dict.get(name) for name in self.symbol.list_arguments()]

    @property
    def aux_arrays(self):
        """The auxiliary states' NDArrays in list_auxiliary_states() order."""
        return [self.aux_dict[name] for name in self.symbol.list_auxiliary_states()]

    def array(self, name):
        """The NumPy or CuPy array under argument or auxiliary state `name` (shared, not copied):
        what tinynet's own code reads and writes."""
        bound = self.arg_dict.get(name)
        return (self.aux_dict[name] if bound is None else bound).data_array

    def grad(self, name):
        """The NumPy or CuPy array under `name`'s gradient (KeyError without one)."""
        return self.grad_dict[name].data_array

    def set_array(self, name, array, aux=False):
        """Bind argument (or auxiliary state) `name` to `array`, a NumPy or CuPy array of the
        executor's device, without copying (a hybridized block binds each call's arrays)."""
        (self.aux_dict if aux else self.arg_dict)[name] = NDArray(array, self.ctx)

    @property
    def output_dict(self):
        return dict(zip(self.symbol.list_outputs(), self.outputs))

    def forward(self, is_train=False, training=None, **kwargs):
        """Run the graph. Keyword arguments are copied into the arguments of those names first.
        With is_train, the graph is recorded for `backward`; without, nothing is kept. `training`
        (default: is_train) is how Dropout and BatchNorm behave: a hybridized Gluon block records
        under autograd.record(train_mode=False) and still wants prediction behaviour."""
        xp = self._xp
        self.ctx.activate()
        for name, value in kwargs.items():
            if name not in self.arg_dict:
                raise ValueError('forward: %r is not an argument of the symbol (%s)'
                                 % (name, list(self.arg_dict)))
            target = self.arg_dict[name].data_array
            if tuple(value.shape) != tuple(target.shape):
                raise ValueError('forward: %r has shape %s, but it was bound with shape %s'
                                 % (name, tuple(value.shape), tuple(target.shape)))
            copy_into(target, array_of(value))
        if any(a.shape != self._bound_shapes[n] for n, a in self.arg_dict.items()):
            self._bound_shapes = self._check_shapes()   # an array was replaced: check it fits
        # One walk for both modes, keyed by node. Training wraps each array in an engine Value
        # so that the ops are recorded; inference passes the plain arrays from op to op, since
        # nothing will be differentiated (what that saves: benchmarks/RESULTS.md).
        leaf, run = (self._leaf_value, self._recorded) if is_train else (self._leaf_array, self._plain)
        results = {}
        training = engine.set_training(is_train if training is None else training)
        leaves = {}       # one leaf per name: variable nodes of one name are one variable
        try:
            for node in self._nodes:
                if node.op is None:
                    if node.name not in leaves:
                        leaves[node.name] = leaf(node)
                    results[node] = leaves[node.name]
                else:
                    results[node] = run(xp, node.op, [results[child] for child in node.inputs])
        finally:
            engine.set_training(training)
        heads = [results[node] for node in self._head_nodes]
        self._inference_ran = not is_train
        if is_train:
            self._internals = results
            self._heads = heads
            self._tape = [results[node].creator for node in self._nodes
                          if node.op is not None and results[node].creator is not None]
            self.output_arrays = [v.data for v in heads]
        else:
            self._heads, self._tape, self._internals = [], None, {}
            self.output_arrays = heads
        self.outputs = [NDArray(a, self.ctx) for a in self.output_arrays]
        return self.outputs

    def _leaf_array(self, node):
        return self.array(node.name)

    def _leaf_value(self, node):
        """An argument as an engine leaf: its gradient goes into grad_dict as its grad_req says.
        (An auxiliary state, such as BatchNorm's moving mean, gets no gradient.)"""
        if node.name not in self.arg_dict:
            return engine.Value(self.aux_dict[node.name].data_array, name=node.name)
        grad = self.grad_dict.get(node.name)
        return engine.Value(self.arg_dict[node.name].data_array, name=node.name,
                            grad=None if grad is None else grad.data_array,
                            grad_req=self._grad_req[node.name])

    @staticmethod
    def _plain(xp, op, arrays):
        return op.forward(xp, arrays, False)[0][0]

    @staticmethod
    def _recorded(xp, op, values):
        return engine.apply(xp, op, values, record=True)[0]

    def internal_outputs(self):
        """[(name + '_output', array)] of every op of the last forward(is_train=True), in forward
        order, heads included (what Monitor shows); empty after backward or an inference forward."""
        return [(node.name + '_output', value.data)
                for node, value in self._internals.items() if node.op is not None]

    def take_recording(self):
        """What the last forward(is_train=True) recorded, handed over for backward_recording (and
        forgotten here): lets a caller run the executor forward several times before going back
        through each (hybridized Gluon blocks do)."""
        recording = (self._heads, self._tape)
        self._heads, self._tape, self._internals = [], None, {}
        return recording

    def backward_recording(self, recording, out_grads):
        """backward() through a recording that take_recording() returned."""
        self._heads, self._tape = recording
        self.backward(out_grads)

    def backward(self, out_grads=None, is_train=True):
        """Gradients of the heads (default: ones; loss heads ignore them) into `grad_dict`."""
        if self._tape is None and self._inference_ran:
            # MXNet allows backward after forward(is_train=False): the gradient of that same
            # computation (Dropout off, BatchNorm's moving statistics). Nothing was recorded for
            # it, so it is run again, recorded, with the same inference behaviour.
            self.forward(is_train=True, training=False)
        if self._tape is None:
            raise RuntimeError('Executor.backward: call forward() first')
        xp = self._xp
        self.ctx.activate()
        if out_grads is not None and not isinstance(out_grads, (list, tuple)):
            out_grads = [out_grads]
        if out_grads is not None:
            out_grads = [None if g is None else to_device(array_of(g), xp, dtype=v.data.dtype)
                         for g, v in zip(out_grads, self._heads)]
        engine.backward(xp, self._heads, out_grads, order=self._tape)
        self._tape, self._heads, self._internals = None, [], {}    # the graph is used up: free it

    def copy_params_from(self, arg_params, aux_params=None, allow_extra_params=False):
        """Copy {name: array or NDArray} into the bound arguments and auxiliary states."""
        for source, target in ((arg_params, self.arg_dict), (aux_params or {}, self.aux_dict)):
            for name, array in source.items():
                if name in target:
                    if tuple(array.shape) != tuple(target[name].shape):
                        raise ValueError('copy_params_from: %r has shape %s, but the symbol needs '
                                         '%s' % (name, tuple(array.shape), tuple(target[name].shape)))
                    copy_into(target[name].data_array, array_of(array))
                elif not allow_extra_params:
                    raise ValueError('copy_params_from: %r is not an argument of the symbol' % name)

    def reshape(self, partial_shaping=False, allow_up_sizing=False, **shapes):
        """A new executor for new input shapes that shares this one's parameter arrays, as
        MXNet's: an input that is not larger than before is a view of the first values of its
        old array (and of its gradient's), a larger one a new array (only with
        allow_up_sizing=True, else a ValueError, as MXNet refuses it). Only the arguments named
        in `shapes`, and labels (which follow the batch), may change shape; a parameter whose
        shape would change raises instead of being silently replaced."""
        arg_shapes = self.symbol.infer_shape(**shapes)[0]
        args, grads = {}, {}
        for name, shape in zip(self.symbol.list_arguments(), arg_shapes):
            same = tuple(self.arg_dict[name].shape) == tuple(shape)
            if not same and name not in shapes and not is_label(name):
                raise ValueError('reshape: with input shapes %s, parameter %r would need shape %s, '
                                 'but it has %s; only the inputs may change shape' % (
                                     shapes, name, tuple(shape), tuple(self.arg_dict[name].shape)))
            args[name] = self._resized(name, self.arg_dict[name], shape, allow_up_sizing)
            if name in self.grad_dict:
                grads[name] = self._resized(name, self.grad_dict[name], shape, allow_up_sizing)
        return Executor(self.symbol, self.ctx, args, grads, self._grad_req, self.aux_dict)

    def _resized(self, name, array, shape, allow_up_sizing):
        """`array` for `shape`: itself, a view of its first values, or a new array."""
        if tuple(array.shape) == tuple(shape):
            return array
        size = int(np.prod(shape, dtype=np.int64))
        data = array.data_array
        if size <= data.size and data.flags.c_contiguous:
            return NDArray(data.reshape(-1)[:size].reshape(shape), self.ctx)
        if size > data.size and not allow_up_sizing:
            raise ValueError('reshape: the new shape %s of %r is larger than its array %s; make '
                             'the large executor first and reshape it down, or pass '
                             'allow_up_sizing=True for new arrays (as MXNet asks)'
                             % (tuple(shape), name, tuple(array.shape)))
        return NDArray(self._xp.zeros(shape, dtype=data.dtype), self.ctx)
