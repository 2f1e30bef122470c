"""NDArray: an array you compute with now, whose ops autograd records while `record()` is on.

    x = mx.nd.array([[1, 2], [3, 4]])          # float32 on cpu(0), a copy of its source
    x.attach_grad()
    with mx.autograd.record():
        y = (x * x + 1).sum()                   # each op runs at once, through the engine
    y.backward()                                # x.grad == 2 * x

An NDArray holds an engine `Value` (its data, the Node that made it, and for a leaf its gradient)
and its context. Every op, from `+` to `mx.nd.Convolution`, goes through `invoke`, which hands the
same Op classes the symbols use to `engine.apply`: one implementation of each op's math.

MXNet 1.x's habits are kept: no 0-d arrays (a reduction to one number has shape (1,)), `nd.array`
copies and makes float32 unless told otherwise, comparisons give 0/1 in the array's dtype, and
`reshape` and basic slices share memory with their source.
"""
import numpy as np

from .. import engine
from .. import ops as _ops
from ..backend import Context, cpu, current_context, to_device, to_numpy
from ..fileio import is_mxnet_file, load_arrays, read_mxnet_arrays, save_arrays
from ..ops.shape import reshape_target

DEFAULT_DTYPE = np.float32


def _context_of(data, ctx=None):
    if ctx is not None:
        return Context(ctx)
    device = getattr(data, 'device', None)
    return Context('gpu', getattr(device, 'id', 0)) if hasattr(data, '__cuda_array_interface__') \
        else cpu()


class NDArray:
    __slots__ = ('_value', '_ctx', '__weakref__')
    __array_priority__ = 1000.0       # numpy_array + ndarray calls NDArray.__radd__

    def __init__(self, data, ctx=None):
        """Wrap an array of the context's module (numpy or cupy) without copying it; users make
        NDArrays with mx.nd.array, zeros, ones, ..."""
        self._value = data if isinstance(data, engine.Value) else engine.Value(data)
        self._ctx = _context_of(self._value.data, ctx)

    # ----- what it is -----
    @property
    def data_array(self):
        """The NumPy or CuPy array underneath (shared, not copied)."""
        return self._value.data

    @property
    def shape(self):
        return tuple(self._value.data.shape)

    @property
    def dtype(self):
        return self._value.data.dtype.type

    @property
    def size(self):
        return int(self._value.data.size)

    @property
    def ndim(self):
        return self._value.data.ndim

    @property
    def context(self):
        return self._ctx

    ctx = context

    @property
    def stype(self):
        return 'default'

    @property
    def T(self):
        return self.transpose()

    @property
    def grad(self):
        """The gradient array that backward writes (attach_grad first), sharing its memory."""
        buffer = self._value.grad
        return None if buffer is None else NDArray(buffer, self._ctx)

    def __repr__(self):
        shape = 'x'.join(str(n) for n in self.shape)
        return '\n%s\n<NDArray %s @%s>' % (np.array2string(self.asnumpy()), shape, self._ctx)

    def __len__(self):
        return self.shape[0]

    def __iter__(self):
        return (self[i] for i in range(self.shape[0]))

    def __bool__(self):
        if self.size != 1:
            raise ValueError('NDArray: the truth value of an array of %d elements is ambiguous; '
                             'use .sum() or compare with .asscalar()' % self.size)
        return bool(self.asscalar())

    __hash__ = object.__hash__

    # ----- moving and copying -----
    def asnumpy(self):
        """A NumPy copy."""
        return np.array(to_numpy(self._value.data), copy=True)

    def __array__(self, dtype=None, copy=None):
        """NumPy's conversion protocol: np.asarray(x) is x's values on the host (a copy, as
        asnumpy), so an NDArray goes wherever NumPy arrays do, a DataBatch of Module among them."""
        host = to_numpy(self._value.data)
        return host.astype(dtype, copy=False) if dtype is not None else host.copy()

    def asscalar(self):
        if self.size != 1:
            raise ValueError('NDArray.asscalar: the array has shape %s; only a one-element array '
                             'has a scalar value' % (self.shape,))
        return self.asnumpy().reshape(-1)[0]

    def astype(self, dtype, copy=True):
        if not copy and np.dtype(dtype) == self._value.data.dtype:
            return self
        return NDArray(self._value.data.astype(dtype), self._ctx)

    def copy(self):
        return NDArray(self._value.data.copy(), self._ctx)

    def copyto(self, other):
        """Copy into `other`, an NDArray of the same shape (returned), or onto a Context."""
        if isinstance(other, Context):
            return NDArray(to_device(self._value.data, other.xp).copy(), other)
        if not isinstance(other, NDArray):
            raise TypeError('NDArray.copyto: expected an NDArray or a Context, got %s'
                            % type(other).__name__)
        if other.shape != self.shape:
            raise ValueError('NDArray.copyto: shapes %s and %s differ' % (self.shape, other.shape))
        other._value.data[...] = to_device(self._value.data, other._ctx.xp)
        return other

    def as_in_context(self, context):
        """This array when it is on `context` already, else a copy there."""
        context = Context(context)
        return self if context == self._ctx else self.copyto(context)

    def wait_to_read(self):
        """Kept for MXNet compatibility: tinynet computes at once, so there is nothing to wait for."""

    # ----- autograd -----
    @property
    def fresh_grad(self):
        """Whether backward has written `.grad` since this was last set to False (Gluon's Trainer
        uses it to find parameters whose gradient is stale)."""
        return self._value.fresh_grad

    @fresh_grad.setter
    def fresh_grad(self, flag):
        self._value.fresh_grad = bool(flag)

    def attach_grad(self, grad_req='write', stype=None):
        """Make this array a leaf whose gradient backward computes into `.grad` (zeros until
        then): 'write' overwrites it on each backward, 'add' adds to it, 'null' stops it."""
        if grad_req not in ('write', 'add', 'null'):
            raise ValueError("NDArray.attach_grad: grad_req must be 'write', 'add' or 'null', got "
                             "%r" % (grad_req,))
        data = self._value.data
        self._value.creator = None          # from here on a leaf, as in MXNet
        self._value.grad_req = grad_req
        self._value.grad = None if grad_req == 'null' else self._ctx.xp.zeros_like(data)

    def detach(self):
        """The same data as a new leaf that no gradient flows through."""
        return NDArray(self._value.data, self._ctx)

    def backward(self, out_grad=None, retain_graph=False, train_mode=True):
        """Gradients of this array (times out_grad, ones by default) into the attached `.grad`s."""
        backward([self], None if out_grad is None else [out_grad], retain_graph, train_mode)

    # ----- shape -----
    def reshape(self, *shape, **kwargs):
        reverse = kwargs.pop('reverse', False)
        shape = kwargs.pop('shape', shape)
        if kwargs:
            raise TypeError('NDArray.reshape: unknown argument(s) %s' % ', '.join(sorted(kwargs)))
        if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
            shape = shape[0]
        target = reshape_target('NDArray.reshape', self.shape, shape, reverse)
        return invoke(_ops.Reshape('reshape', shape=target), [self])

    def transpose(self, *axes):
        if len(axes) == 1 and isinstance(axes[0], (tuple, list)):
            axes = axes[0]
        return invoke(_ops.Transpose('transpose', axes=axes), [self])

    def expand_dims(self, axis):
        return invoke(_ops.ExpandDims('expand_dims', axis=axis), [self])

    def flatten(self):
        return invoke(_ops.Flatten('flatten'), [self])

    # ----- indexing -----
    def __getitem__(self, key):
        return invoke(_ops.GetItem('getitem', key=_index_key(key)), [self])

    def __setitem__(self, key, value):
        self._check_writable('x[...] = value')
        source = value._value.data if isinstance(value, NDArray) else value
        if not np.isscalar(source):
            source = to_device(source, self._ctx.xp)
        self._value.data[_index_key(key)] = source

    def _check_writable(self, what):
        if engine.is_recording() and self._value.requires_grad:
            raise RuntimeError('NDArray: %s changes an array in place while autograd is recording '
                               'and the array is part of the graph; the recorded values would no '
                               'longer be the ones used. Write to it outside record(), or use a '
                               'new array.' % what)

    # ----- arithmetic -----
    def _binary(self, other, op_cls, reflected=False, **attrs):
        other = _as_operand(other, self)
        a, b = (other, self) if reflected else (self, other)
        return invoke(op_cls(op_cls.__name__.lower(), **attrs), [a, b])

    def __add__(self, other):
        return self._binary(other, _ops.Add)

    def __radd__(self, other):
        return self._binary(other, _ops.Add, True)

    def __sub__(self, other):
        return self._binary(other, _ops.Subtract)

    def __rsub__(self, other):
        return self._binary(other, _ops.Subtract, True)

    def __mul__(self, other):
        return self._binary(other, _ops.Multiply)

    def __rmul__(self, other):
        return self._binary(other, _ops.Multiply, True)

    def __truediv__(self, other):
        return self._binary(other, _ops.Divide)

    def __rtruediv__(self, other):
        return self._binary(other, _ops.Divide, True)

    def __pow__(self, other):
        return self._binary(other, _ops.Power)

    def __rpow__(self, other):
        return self._binary(other, _ops.Power, True)

    def __matmul__(self, other):
        return invoke(_ops.MatMul('matmul'), [self, _as_operand(other, self)])

    def __rmatmul__(self, other):
        return invoke(_ops.MatMul('matmul'), [_as_operand(other, self), self])

    def __neg__(self):
        return invoke(_ops.Unary('negative', function='negative'), [self])

    def __pos__(self):
        return self

    def __abs__(self):
        return self.abs()

    def _inplace(self, other, op_cls, what):
        """x op= y: the result written into x's own memory (outside recording, or for an array
        that is not part of the graph)."""
        self._check_writable(what)
        result = self._binary(other, op_cls)
        self._value.data[...] = result._value.data
        return self

    def __iadd__(self, other):
        return self._inplace(other, _ops.Add, 'x += y')

    def __isub__(self, other):
        return self._inplace(other, _ops.Subtract, 'x -= y')

    def __imul__(self, other):
        return self._inplace(other, _ops.Multiply, 'x *= y')

    def __itruediv__(self, other):
        return self._inplace(other, _ops.Divide, 'x /= y')

    def _compare(self, other, relation):
        return invoke(_ops.Compare(relation, relation=relation), [self, _as_operand(other, self)],
                      differentiable=False)

    def __eq__(self, other):
        return self._compare(other, 'equal')

    def __ne__(self, other):
        return self._compare(other, 'not_equal')

    def __lt__(self, other):
        return self._compare(other, 'lesser')

    def __le__(self, other):
        return self._compare(other, 'lesser_equal')

    def __gt__(self, other):
        return self._compare(other, 'greater')

    def __ge__(self, other):
        return self._compare(other, 'greater_equal')

    # ----- the functions, as methods (x.sum(), x.exp(), ...) -----
    def sum(self, axis=None, keepdims=False, exclude=False):
        return sum(self, axis, keepdims, exclude)

    def mean(self, axis=None, keepdims=False, exclude=False):
        return mean(self, axis, keepdims, exclude)

    def max(self, axis=None, keepdims=False, exclude=False):
        return max(self, axis, keepdims, exclude)

    def min(self, axis=None, keepdims=False, exclude=False):
        return min(self, axis, keepdims, exclude)

    def prod(self, axis=None, keepdims=False, exclude=False):
        return prod(self, axis, keepdims, exclude)

    def argmax(self, axis=None, keepdims=False):
        return argmax(self, axis, keepdims)

    def argmin(self, axis=None, keepdims=False):
        return argmin(self, axis, keepdims)

    def abs(self):
        return abs(self)

    def exp(self):
        return exp(self)

    def log(self):
        return log(self)

    def sqrt(self):
        return sqrt(self)

    def square(self):
        return square(self)

    def sign(self):
        return sign(self)

    def clip(self, a_min, a_max):
        return clip(self, a_min, a_max)

    def tanh(self):
        return tanh(self)

    def sigmoid(self):
        return sigmoid(self)

    def relu(self):
        return relu(self)

    def softmax(self, axis=-1):
        return softmax(self, axis)

    def log_softmax(self, axis=-1):
        return log_softmax(self, axis)

    def one_hot(self, depth, on_value=1.0, off_value=0.0, dtype='float32'):
        return one_hot(self, depth, on_value, off_value, dtype)

    def pick(self, index, axis=-1, keepdims=False):
        return pick(self, index, axis, keepdims)

    def zeros_like(self):
        return zeros_like(self)

    def ones_like(self):
        return ones_like(self)


def _index_key(key):
    """An indexing key with NDArrays and lists made into integer arrays NumPy understands."""
    if isinstance(key, tuple):
        return tuple(_index_key(k) for k in key)
    if isinstance(key, NDArray):
        return key._value.data.astype(np.int64)
    if isinstance(key, list):
        return np.asarray(key, dtype=np.int64)
    return key


def _as_operand(value, like):
    """The other operand of an arithmetic op: an NDArray as it is (same context and dtype), a
    Python or NumPy number as a constant of `like`'s dtype."""
    if isinstance(value, NDArray):
        if value._ctx != like._ctx:
            raise ValueError('NDArray: operands live on %s and %s; move one with as_in_context()'
                             % (like._ctx, value._ctx))
        if value.dtype != like.dtype:
            raise TypeError('NDArray: operands have dtypes %s and %s; convert one with astype()'
                            % (np.dtype(like.dtype).name, np.dtype(value.dtype).name))
        return value
    if np.isscalar(value) or (isinstance(value, np.ndarray) and value.ndim == 0):
        return NDArray(like._ctx.xp.asarray(value, dtype=like._value.data.dtype), like._ctx)
    if isinstance(value, np.ndarray):
        return NDArray(to_device(value.astype(like._value.data.dtype), like._ctx.xp), like._ctx)
    raise TypeError('NDArray: cannot combine an NDArray with %s' % type(value).__name__)


def invoke(op, inputs, differentiable=True):
    """Run `op` on the NDArrays `inputs` now, through the engine; recorded while autograd records
    (a non-differentiable op, such as a comparison, never is). Returns one NDArray, or a list when
    the op has several outputs."""
    ctx = inputs[0]._ctx
    for other in inputs[1:]:
        if other._ctx != ctx:
            raise ValueError('%s: inputs live on %s and %s; move them to one context with '
                             'as_in_context()' % (op, ctx, other._ctx))
    record = differentiable and engine.is_recording()
    outputs = engine.apply(ctx.xp, op, [a._value for a in inputs], record=record)
    arrays = [NDArray(v, ctx) for v in outputs]
    return arrays[0] if len(arrays) == 1 else arrays


# ----- autograd over NDArrays (mx.autograd.backward, grad, mark_variables) -----

def backward(heads, head_grads=None, retain_graph=False, train_mode=True):
    """Walk back from the NDArrays `heads` (their gradients `head_grads`, ones by default) and
    write the gradients of the leaves into their attached `.grad`, as their grad_req says."""
    heads = _check_heads('backward', heads)
    ctx = heads[0]._ctx
    engine.backward(ctx.xp, [h._value for h in heads], _head_grads(heads, head_grads),
                    retain_graph=retain_graph)


def grad(heads, variables, head_grads=None, retain_graph=None, create_graph=False,
         train_mode=True):
    """The gradients of `heads` with respect to `variables` (NDArrays that had attach_grad or
    mark_variables), as a list of new NDArrays; `.grad` is left as it was."""
    if create_graph:
        raise ValueError('autograd.grad: create_graph=True (higher-order gradients) is not '
                         'supported')
    heads = _check_heads('grad', heads)
    single = isinstance(variables, NDArray)
    variables = [variables] if single else list(variables)
    ctx = heads[0]._ctx
    grads, _ = engine.gradients(ctx.xp, [h._value for h in heads], _head_grads(heads, head_grads),
                                retain_graph=bool(retain_graph))
    result = []
    for v in variables:
        g = grads.get(id(v._value))
        result.append(NDArray(ctx.xp.zeros_like(v._value.data) if g is None else g, v._ctx))
    return result


def tape(heads):
    """The recorded engine Nodes behind the NDArrays `heads`, in forward order (each node after
    the nodes that made its inputs): what backward will walk, in reverse. For looking, not
    changing: each Node has .op, .inputs and .outputs (engine Values with .data)."""
    heads = [heads] if isinstance(heads, NDArray) else list(heads)
    return engine.topological_order([h._value for h in heads])


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
            v._value.grad = g._value.data


def _check_heads(what, heads):
    heads = [heads] if isinstance(heads, NDArray) else list(heads)
    for h in heads:
        if not isinstance(h, NDArray):
            raise TypeError('autograd.%s: heads must be NDArrays, got %s' % (what, type(h).__name__))
        if not h._value.requires_grad:
            raise RuntimeError(
                'autograd.%s: this array was not computed from an array with attach_grad() inside '
                'autograd.record(), so there is nothing to differentiate. Call x.attach_grad() on '
                'the inputs, and compute the result within `with autograd.record():`.' % what)
    return heads


def _head_grads(heads, head_grads):
    if head_grads is None:
        return None
    head_grads = [head_grads] if isinstance(head_grads, NDArray) else list(head_grads)
    if len(head_grads) != len(heads):
        raise ValueError('autograd.backward: %d head gradients for %d heads'
                         % (len(head_grads), len(heads)))
    result = []
    for h, g in zip(heads, head_grads):
        if g is None:
            result.append(None)
            continue
        g = g._value.data if isinstance(g, NDArray) else to_device(np.asarray(g), h._ctx.xp)
        if tuple(g.shape) != h.shape:
            raise ValueError('autograd.backward: a head gradient of shape %s for a head of shape '
                             '%s' % (tuple(g.shape), h.shape))
        result.append(g.astype(h._value.data.dtype, copy=False))
    return result


# ----- making arrays -----

def resolve_context(ctx):
    """ctx as a Context; the current context, cpu(0), when None."""
    return Context(ctx) if ctx is not None else current_context()


def array(source_array, ctx=None, dtype=None):
    """A new NDArray with a copy of `source_array` (float32 unless `dtype`, or the source's dtype
    when the source is an NDArray)."""
    if isinstance(source_array, NDArray):
        dtype = dtype or source_array.dtype
        source_array = source_array._value.data
    ctx = resolve_context(ctx)
    data = np.array(to_numpy(source_array), dtype=dtype or DEFAULT_DTYPE, copy=True) \
        if ctx.xp is np else ctx.xp.array(source_array, dtype=dtype or DEFAULT_DTYPE)
    return NDArray(data.reshape(data.shape or (1,)), ctx)


def shape_tuple(shape):
    """An int or a sequence of ints as a shape tuple."""
    return (shape,) if isinstance(shape, (int, np.integer)) else tuple(shape)


def zeros(shape, ctx=None, dtype=None, **kwargs):
    ctx = resolve_context(ctx)
    return NDArray(ctx.xp.zeros(shape_tuple(shape), dtype=dtype or DEFAULT_DTYPE), ctx)


def ones(shape, ctx=None, dtype=None, **kwargs):
    ctx = resolve_context(ctx)
    return NDArray(ctx.xp.ones(shape_tuple(shape), dtype=dtype or DEFAULT_DTYPE), ctx)


def full(shape, val, ctx=None, dtype=None, out=None):
    ctx = resolve_context(ctx)
    return NDArray(ctx.xp.full(shape_tuple(shape), val, dtype=dtype or DEFAULT_DTYPE), ctx)


def empty(shape, ctx=None, dtype=None):
    ctx = resolve_context(ctx)
    return NDArray(ctx.xp.empty(shape_tuple(shape), dtype=dtype or DEFAULT_DTYPE), ctx)


def arange(start, stop=None, step=1.0, repeat=1, infer_range=False, ctx=None, dtype=None):
    """start, start + step, ... below stop (from 0 to start when stop is None), each `repeat`
    times, as MXNet's."""
    ctx = resolve_context(ctx)
    values = np.arange(0 if stop is None else start, start if stop is None else stop, step)
    values = np.repeat(values, int(repeat)).astype(dtype or DEFAULT_DTYPE)
    return NDArray(to_device(values, ctx.xp), ctx)


def zeros_like(data):
    return NDArray(data._ctx.xp.zeros_like(data._value.data), data._ctx)


def ones_like(data):
    return NDArray(data._ctx.xp.ones_like(data._value.data), data._ctx)


def waitall():
    """Kept for MXNet compatibility: tinynet computes at once."""


# ----- saving -----

def save(fname, data):
    """Save an NDArray, a list of them or a dict {name: NDArray} to `fname` (an .npz archive, no
    pickle, written whole or not at all)."""
    if isinstance(data, NDArray):
        data = [data]
    if isinstance(data, dict):
        items = {'key:%s' % name: a for name, a in data.items()}
    elif isinstance(data, (list, tuple)):
        items = {'index:%08d' % i: a for i, a in enumerate(data)}
    else:
        raise TypeError('nd.save: data must be an NDArray, a list or a dict of them, got %s'
                        % type(data).__name__)
    for key, a in items.items():
        if not isinstance(a, NDArray):
            raise TypeError('nd.save: %s is a %s, not an NDArray' % (key, type(a).__name__))
    save_arrays(fname, {key: a.asnumpy() for key, a in items.items()})


def load(fname, ctx=None):
    """What `save` wrote (or MXNet's mx.nd.save): a dict {name: NDArray} or a list of NDArrays."""
    ctx = resolve_context(ctx)
    if is_mxnet_file(fname):
        names, arrays = read_mxnet_arrays(fname, 'nd.load')
        arrays = [NDArray(to_device(a, ctx.xp), ctx) for a in arrays]
        return arrays if names is None else dict(zip(names, arrays))
    arrays = load_arrays(fname, 'nd.load', 'NDArray')
    kinds = {key.partition(':')[0] for key in arrays}
    if kinds - {'key', 'index'} or len(kinds) > 1:
        raise ValueError('nd.load: %s was not written by nd.save (its entries are %s)'
                         % (fname, sorted(arrays)[:5]))
    if kinds == {'index'}:
        return [NDArray(to_device(arrays[k], ctx.xp), ctx) for k in sorted(arrays)]
    return {k.partition(':')[2]: NDArray(to_device(v, ctx.xp), ctx) for k, v in arrays.items()}


# ----- functions on arrays (mx.nd.sum, mx.nd.exp, ...) -----

def _reduce(function, data, axis, keepdims, exclude=False):
    """The reduction over `axis` (None: all; with exclude=True, over every axis but those)."""
    return invoke(_ops.Reduce(function, function=function, axis=axis, keepdims=keepdims,
                              exclude=exclude), [data])


def sum(data, axis=None, keepdims=False, exclude=False):   # noqa: A001 (MXNet's name)
    return _reduce('sum', data, axis, keepdims, exclude)


def mean(data, axis=None, keepdims=False, exclude=False):
    return _reduce('mean', data, axis, keepdims, exclude)


def max(data, axis=None, keepdims=False, exclude=False):   # noqa: A001
    return _reduce('max', data, axis, keepdims, exclude)


def min(data, axis=None, keepdims=False, exclude=False):   # noqa: A001
    return _reduce('min', data, axis, keepdims, exclude)


def prod(data, axis=None, keepdims=False, exclude=False):
    return _reduce('prod', data, axis, keepdims, exclude)


def argmax(data, axis=None, keepdims=False):
    return invoke(_ops.ArgReduce('argmax', function='argmax', axis=axis, keepdims=keepdims),
                  [data], differentiable=False)


def argmin(data, axis=None, keepdims=False):
    return invoke(_ops.ArgReduce('argmin', function='argmin', axis=axis, keepdims=keepdims),
                  [data], differentiable=False)


def _unary(function, data):
    return invoke(_ops.Unary(function, function=function), [data])


def negative(data):
    return _unary('negative', data)


def abs(data):   # noqa: A001
    return _unary('abs', data)


def exp(data):
    return _unary('exp', data)


def log(data):
    return _unary('log', data)


def sqrt(data):
    return _unary('sqrt', data)


def square(data):
    return _unary('square', data)


def sign(data):
    return _unary('sign', data)


def clip(data, a_min, a_max):
    return invoke(_ops.Clip('clip', a_min=a_min, a_max=a_max), [data])


def _activation(act_type, data):
    return invoke(_ops.Activation(act_type, act_type=act_type), [data])


def tanh(data):
    return _activation('tanh', data)


def sigmoid(data):
    return _activation('sigmoid', data)


def relu(data):
    return _activation('relu', data)


def softmax(data, axis=-1, temperature=None):
    return invoke(_ops.Softmax('softmax', axis=axis, temperature=temperature), [data])


def log_softmax(data, axis=-1, temperature=None):
    return invoke(_ops.Softmax('log_softmax', axis=axis, log=True, temperature=temperature),
                  [data])


def _binary_function(op_cls, name):
    """MXNet's named two-array functions (maximum, broadcast_add, elemwise_mul, power, ...): the
    operators' ops, broadcasting as they do; either operand may be a number."""
    def apply(lhs, rhs):
        return _pair(lhs, rhs)._binary(_other(lhs, rhs), op_cls, not isinstance(lhs, NDArray))
    apply.__name__ = name
    return apply


maximum = _binary_function(_ops.Maximum, 'maximum')
minimum = _binary_function(_ops.Minimum, 'minimum')
broadcast_add = elemwise_add = add = _binary_function(_ops.Add, 'broadcast_add')
broadcast_sub = elemwise_sub = subtract = _binary_function(_ops.Subtract, 'broadcast_sub')
broadcast_mul = elemwise_mul = multiply = _binary_function(_ops.Multiply, 'broadcast_mul')
broadcast_div = elemwise_div = divide = _binary_function(_ops.Divide, 'broadcast_div')
broadcast_power = power = _binary_function(_ops.Power, 'broadcast_power')
broadcast_maximum, broadcast_minimum = maximum, minimum


def _pair(lhs, rhs):
    """The NDArray of two operands (the first, when both are)."""
    if isinstance(lhs, NDArray):
        return lhs
    if isinstance(rhs, NDArray):
        return rhs
    raise TypeError('mx.nd: at least one operand must be an NDArray, got %s and %s'
                    % (type(lhs).__name__, type(rhs).__name__))


def _other(lhs, rhs):
    return rhs if isinstance(lhs, NDArray) else lhs


def dot(lhs, rhs, transpose_a=False, transpose_b=False, forward_stype=None):
    return invoke(_ops.Dot('dot', transpose_a=transpose_a, transpose_b=transpose_b),
                  [lhs, _as_operand(rhs, lhs)])


def batch_dot(lhs, rhs, transpose_a=False, transpose_b=False, forward_stype=None):
    return invoke(_ops.BatchDot('batch_dot', transpose_a=transpose_a, transpose_b=transpose_b),
                  [lhs, _as_operand(rhs, lhs)])


def concat(*data, dim=1, num_args=None):
    if len(data) == 1 and isinstance(data[0], (list, tuple)):
        data = tuple(data[0])
    return invoke(_ops.Concat('concat', dim=dim), list(data))


def stack(*data, axis=0, num_args=None):
    if len(data) == 1 and isinstance(data[0], (list, tuple)):
        data = tuple(data[0])
    return invoke(_ops.Stack('stack', axis=axis), list(data))


def one_hot(indices, depth, on_value=1.0, off_value=0.0, dtype='float32'):
    return invoke(_ops.OneHot('one_hot', depth=depth, on_value=on_value, off_value=off_value,
                              dtype=dtype), [indices], differentiable=False)


def pick(data, index, axis=-1, keepdims=False, mode='clip'):
    return invoke(_ops.Pick('pick', axis=axis, keepdims=keepdims, mode=mode),
                  [data, _as_index(index, data)])


def _as_index(index, like):
    if isinstance(index, NDArray):
        return index
    return NDArray(to_device(np.asarray(index, dtype=like._value.data.dtype), like._ctx.xp),
                   like._ctx)


def where(condition, x, y):
    return invoke(_ops.Where('where'), [condition, x, y])


def reshape(data, shape, reverse=False):
    return data.reshape(shape, reverse=reverse)


def transpose(data, axes=()):
    return data.transpose(axes)


def expand_dims(data, axis):
    return data.expand_dims(axis)


def flatten(data):
    return data.flatten()


# ----- the layers' ops, imperatively (mx.nd.FullyConnected, ...): the Op classes symbols use -----

def _layer(op_cls, hint):
    """mx.nd.<Op>(data, weight, ..., name=None, **attributes): the op run once on NDArrays."""
    def function(*args, name=None, out=None, **kwargs):
        if len(args) > len(op_cls.arguments):
            raise TypeError('mx.nd.%s: %d positional arrays given; it takes %s'
                            % (op_cls.__name__, len(args), ', '.join(op_cls.arguments)))
        inputs = dict(zip(op_cls.arguments, args))
        for arg in op_cls.arguments:
            if arg in kwargs:
                inputs[arg] = kwargs.pop(arg)
        try:
            op = op_cls(name or hint, **kwargs)
        except TypeError as err:
            raise TypeError('mx.nd.%s: %s' % (op_cls.__name__, err)) from None
        missing = [arg for arg in op.list_arguments() if inputs.get(arg) is None]
        if missing:
            raise TypeError('%s: array argument(s) %s are required' % (op, ', '.join(missing)))
        arrays = [inputs[arg] for arg in op.list_arguments()]
        for arg, a in zip(op.list_arguments(), arrays):
            if not isinstance(a, NDArray):
                raise TypeError('%s: argument %r must be an NDArray, got %s'
                                % (op, arg, type(a).__name__))
        op.infer_shape([a.shape for a in arrays])       # the op's own errors for shapes that misfit
        return invoke(op, arrays)
    function.__name__ = op_cls.__name__
    function.__doc__ = 'The %s op, run now on NDArrays (see tinynet/ops).' % op_cls.__name__
    return function


FullyConnected = _layer(_ops.FullyConnected, 'fullyconnected')
Convolution = _layer(_ops.Convolution, 'convolution')
Pooling = _layer(_ops.Pooling, 'pooling')
Activation = _layer(_ops.Activation, 'activation')
SoftmaxOutput = _layer(_ops.SoftmaxOutput, 'softmaxoutput')
Flatten = _layer(_ops.Flatten, 'flatten')
Dropout = _layer(_ops.Dropout, 'dropout')
BatchNorm = _layer(_ops.BatchNorm, 'batchnorm')
