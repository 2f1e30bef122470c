"""NDArray: an array you compute with now, whose ops autograd records while `record()` is on.

    x = mx.nd.array([[1, 2], [3, 4]])          # float32 on cpu(0), a copy of its source
    x.attach_grad()
    with mx.autograd.record():
        y = (x * x + 1).sum()                   # each op runs at once, through the engine
    y.backward()                                # x.grad == 2 * x

An NDArray holds an engine `Value` (its data, the Node that made it, and for a leaf its gradient)
and its context. Every op, from `+` to `mx.nd.Convolution`, goes through `invoke`, which hands the
same Op classes the symbols use to `engine.apply`: one implementation of each op's math. The
functions of mx.nd and the methods and operators below that run ops are made from the op table
(ops/registry.py) by register.py; creation and files are utils.py; autograd's calls autograd.py.

MXNet 1.x's habits are kept: no 0-d arrays (a reduction to one number has shape (1,)), `nd.array`
copies and makes float32 unless told otherwise, comparisons give 0/1 in the array's dtype, and
`reshape` and basic slices share memory with their source.
"""
import numpy as np

from .. import engine
from ..base import InvalidArgumentError
from ..backend import Context, copy_into, cpu, to_device, to_numpy
from ..ops.arrange import Cast
from ..ops.indexing import GetItem
from ..ops.matrix import MatMul

DEFAULT_DTYPE = np.float32


def _context_of(data, ctx=None):
    """The context `data` lives on (a CuPy array knows its device); `ctx`, when given, must be it:
    an array labelled with another device than its memory's is a bug, found here at once."""
    on_gpu = hasattr(data, '__cuda_array_interface__')
    if ctx is None:
        return Context('gpu', data.device.id) if on_gpu else cpu()
    ctx = Context(ctx)
    if on_gpu != (ctx.device_type == 'gpu') or (on_gpu and data.device.id != ctx.device_id):
        raise RuntimeError('NDArray: an array in the memory of %s cannot be an array on %s'
                           % ('gpu(%d)' % data.device.id if on_gpu else 'the host', ctx))
    return ctx


# MXNet's storage type ids (what a saved array's header and `stype` attributes hold); tinynet
# stores every array densely ('default').
_STORAGE_TYPE_STR_TO_ID = {'undefined': -1, 'default': 0, 'row_sparse': 1, 'csr': 2}
py_slice = slice     # MXNet's name for the built-in, which its ndarray module shadows


class NDArray:
    """An array on a context (cpu or gpu) that autograd can record: MXNet 1.x's NDArray.

    Make one with mx.nd.array(source, ctx=None, dtype=float32), zeros, ones, full, arange, ...;
    `asnumpy()` gives a NumPy copy. Arithmetic (+ - * / ** and comparisons) broadcasts as NumPy
    does; a number is cast to the array's dtype first. Methods such as x.sum(axis=1), x.exp() and
    x.reshape((0, -1)) are the mx.nd functions of the same name."""
    __slots__ = ('_value', '_ctx', '_grads_seen', '__weakref__')
    __array_priority__ = 1000.0       # numpy_array + ndarray calls NDArray.__radd__

    def __init__(self, data, ctx=None):
        """Wrap an array of the context's module (numpy or cupy) without copying it; users make
        NDArrays with mx.nd.array, zeros, ones, ..."""
        self._value = data if isinstance(data, engine.Value) else engine.Value(data)
        self._ctx = _context_of(self._value.data, ctx)
        self._grads_seen = self._value.grad_writes     # fresh_grad: written since then?

    # ----- what it is -----
    @property
    def data_array(self):
        """The NumPy or CuPy array underneath (shared, not copied)."""
        return self._value.data

    @property
    def engine_value(self):
        """The engine Value underneath (its data, the node that made it, its gradient)."""
        return self._value

    @property
    def shape(self):
        """The shape, a tuple of ints."""
        return tuple(self._value.data.shape)

    @property
    def dtype(self):
        """The element type, as a NumPy type (numpy.float32)."""
        return self._value.data.dtype.type

    @property
    def size(self):
        """The number of elements."""
        return int(self._value.data.size)

    @property
    def ndim(self):
        """The number of axes."""
        return self._value.data.ndim

    @property
    def context(self):
        """The Context the array lives on: cpu(0), gpu(0), ..."""
        return self._ctx

    ctx = context

    @property
    def stype(self):
        """The storage type: always 'default' (dense); tinynet has no sparse arrays."""
        return 'default'

    def tostype(self, stype):
        """This array in storage `stype`: 'default' gives it back; 'csr' and 'row_sparse' raise
        NotImplementedError (sparse storage is outside tinynet's scope)."""
        if stype == 'default':
            return self
        raise NotImplementedError("NDArray.tostype(%r): sparse storage is outside tinynet's "
                                  "scope; every tinynet array is dense" % (stype,))

    @property
    def T(self):
        """The transpose (axes reversed), as transpose()."""
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
        if self.size == 0:
            return False                   # as MXNet's (and Python's empty containers)
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
        """The value of a one-element array as a NumPy scalar (ValueError for any other size)."""
        if self.size != 1:
            raise ValueError('NDArray.asscalar: the array has shape %s; only a one-element array '
                             'has a scalar value' % (self.shape,))
        return self.asnumpy().reshape(-1)[0]

    def astype(self, dtype, copy=True):
        """This array in `dtype` (a new array; copy=False returns this one when it already has the
        dtype). Recorded like any op (the Cast op): gradients flow back through it, as in MXNet."""
        if not copy and np.dtype(dtype) == self._value.data.dtype:
            return self
        return invoke(Cast('astype', dtype=np.dtype(dtype).name), [self])

    def copy(self):
        """A new array with a copy of the values, on the same context."""
        self._ctx.activate()
        return type(self)(self._value.data.copy(), self._ctx)     # mx.np's stays mx.np's

    def copyto(self, other):
        """Copy into `other`, an NDArray of the same shape (returned), or onto a Context."""
        if isinstance(other, Context):
            other.activate()                      # the copy is made on that device
            return type(self)(to_device(self._value.data, other.xp).copy(), other)
        if not isinstance(other, NDArray):
            raise TypeError('NDArray.copyto: expected an NDArray or a Context, got %s'
                            % type(other).__name__)
        if other.shape != self.shape:
            raise ValueError('NDArray.copyto: shapes %s and %s differ' % (self.shape, other.shape))
        copy_into(other._value.data, self._value.data)
        other._value.version.count += 1
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
        """Whether backward has written `.grad` since this was last set to False (MXNet's
        `_fresh_grad`; Gluon's Trainer uses it to find parameters whose gradient is stale)."""
        return self._value.grad_writes != self._grads_seen

    @fresh_grad.setter
    def fresh_grad(self, flag):
        self._grads_seen = -1 if flag else self._value.grad_writes

    def attach_grad(self, grad_req='write', stype=None):
        """Make this array a leaf whose gradient backward computes into `.grad` (zeros until
        then): 'write' overwrites it on each backward, 'add' adds to it, 'null' stops it."""
        if grad_req not in ('write', 'add', 'null'):
            raise ValueError("NDArray.attach_grad: grad_req must be 'write', 'add' or 'null', got "
                             "%r" % (grad_req,))
        data = self._value.data
        self._value.creator = None          # from here on a leaf, as in MXNet
        self._value.grad_req = grad_req
        self._ctx.activate()
        self._value.grad = None if grad_req == 'null' else self._ctx.xp.zeros_like(data)

    def detach(self):
        """The same data as a new leaf that no gradient flows through."""
        return type(self)(self._value.data, self._ctx)

    def backward(self, out_grad=None, retain_graph=False, train_mode=True):
        """Gradients of this array (times out_grad, ones by default) into the attached `.grad`s
        (mx.autograd.backward with one head)."""
        heads, head_grads = heads_and_grads('backward', [self], out_grad)
        self._ctx.activate()
        engine.backward(self._ctx.xp, heads, head_grads, retain_graph=retain_graph)

    # ----- indexing -----
    def __getitem__(self, key):
        """x[key] as NumPy indexes (recorded: the gradient goes back to the chosen elements). As
        in MXNet, a contiguous basic index (x[1], x[2:5]) gives a view sharing x's memory; any
        other a copy."""
        return invoke(GetItem('getitem', key=_index_key(key, self._ctx.xp)), [self],
                      views='contiguous')

    def __setitem__(self, key, value):
        """x[key] = value: written into x's own memory (refused while x is part of a recording)."""
        self._check_writable('x[...] = value')
        source = value._value.data if isinstance(value, NDArray) else value
        key = _index_key(key, self._ctx.xp)
        if not np.isscalar(source) and np.size(source) == 1 and np.ndim(source) > 0 and \
                self._value.data[key].ndim == 0:
            # x[0] = array([v]): one value into one place, as MXNet takes it
            source = (source if hasattr(source, 'reshape') else np.asarray(source)).reshape(())
        copy_into(self._value.data, source, key)
        self._value.version.count += 1        # backward refuses what it saved before this

    def _check_writable(self, what):
        if engine.is_recording() and self._value.requires_grad:
            raise RuntimeError('NDArray: %s changes an array in place while autograd is recording '
                               'and the array is part of the graph; the recorded values would no '
                               'longer be the ones used. Write to it outside record(), or use a '
                               'new array.' % what)

    # ----- arithmetic: the operators + - * / ** == ... come from the op table (register.py) -----
    def __matmul__(self, other):
        return invoke(MatMul('matmul'), [self, as_operand(other, self)])

    def __rmatmul__(self, other):
        return invoke(MatMul('matmul'), [as_operand(other, self), self])

    def __pos__(self):
        return self

    def _inplace(self, other, operator, what):
        """x op= y: the result written into x's own memory (outside recording, or for an array
        that is not part of the graph)."""
        self._check_writable(what)
        result = getattr(type(self), operator)(self, other)
        self._value.data[...] = result._value.data
        self._value.version.count += 1
        return self

    def __iadd__(self, other):
        return self._inplace(other, '__add__', 'x += y')

    def __isub__(self, other):
        return self._inplace(other, '__sub__', 'x -= y')

    def __imul__(self, other):
        return self._inplace(other, '__mul__', 'x *= y')

    def __itruediv__(self, other):
        return self._inplace(other, '__truediv__', 'x /= y')

    def zeros_like(self):
        """Zeros of this array's shape, dtype and context."""
        self._ctx.activate()
        return type(self)(self._ctx.xp.zeros_like(self._value.data), self._ctx)

    def ones_like(self):
        """Ones of this array's shape, dtype and context."""
        self._ctx.activate()
        return type(self)(self._ctx.xp.ones_like(self._value.data), self._ctx)


def _index_key(key, xp):
    """An indexing key with NDArrays, lists and NumPy arrays made into integer arrays of the
    indexed array's module `xp` (an index on the host is moved to the device, explicitly)."""
    if isinstance(key, tuple):
        return tuple(_index_key(k, xp) for k in key)
    if isinstance(key, NDArray):
        return to_device(key._value.data.astype(np.int64), xp)
    if isinstance(key, (list, np.ndarray)):
        return to_device(np.asarray(key, dtype=np.int64), xp)
    return key


def as_operand(value, like):
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


def array_of(value):
    """The NumPy or CuPy array under an NDArray (shared, not copied); anything else as it is.
    What code that takes "an array or an NDArray" reads."""
    return value.data_array if isinstance(value, NDArray) else value


def invoke(op, inputs, views=False):
    """Run `op` on the NDArrays `inputs` now, through the engine; recorded while autograd records
    (an op through which no gradient flows, such as a comparison, too: its backward gives zeros,
    as MXNet's). Returns one NDArray, or a list when the op has several outputs. The result has
    memory of its own, as MXNet's functions give, unless `views` (engine.apply) lets it share
    its input's: NDArray.reshape, basic indexing, `inplace=True`."""
    ctx = inputs[0]._ctx
    for other in inputs[1:]:
        if other._ctx != ctx:
            raise InvalidArgumentError('%s: inputs live on %s and %s; move them to one context '
                                       'with as_in_context()' % (op, ctx, other._ctx))
    ctx.activate()                      # a GPU computes on its current device: the inputs' one
    record = engine.is_recording()
    outputs = engine.apply(ctx.xp, op, [a._value for a in inputs], record=record, views=views)
    cls = type(inputs[0])               # mx.np's ndarray (a subclass) gives its own kind
    arrays = [cls(v, ctx) for v in outputs]
    return arrays[0] if len(arrays) == 1 else arrays




def into(out, result):
    """`out=`: the result written into the NDArray `out` (returned), as MXNet's functions do. A
    recorded result makes `out` that result, so backward still flows through it."""
    if out is None:
        return result
    if not isinstance(out, NDArray):
        raise TypeError('out= must be an NDArray, got %s' % type(out).__name__)
    if out.shape != result.shape:
        raise ValueError('out=: the result has shape %s, but out has shape %s'
                         % (result.shape, out.shape))
    out._check_writable('out=')
    copy_into(out._value.data, result._value.data)
    out._value.version.count += 1
    if result._value.creator is not None:       # recorded: out's memory now holds that result
        result._value.data = out._value.data
        out._value = result._value
    return out


def heads_and_grads(what, heads, head_grads):
    """The engine Values of the NDArrays `heads` and their head gradients as arrays (None: ones),
    checked: each head must have been computed from an attached array inside record()."""
    heads = [heads] if isinstance(heads, NDArray) else list(heads)
    for h in heads:
        if not isinstance(h, NDArray):
            raise TypeError('autograd.%s: heads must be NDArrays, got %s' % (what, type(h).__name__))
        if not h._value.requires_grad:
            raise RuntimeError(
                'autograd.%s: this array was not computed from an array with attach_grad() inside '
                'autograd.record(), so there is nothing to differentiate. Call x.attach_grad() on '
                'the inputs, and compute the result within `with autograd.record():`.' % what)
    if head_grads is None:
        return [h._value for h in heads], None
    head_grads = [head_grads] if not isinstance(head_grads, (list, tuple)) else list(head_grads)
    if len(head_grads) != len(heads):
        raise ValueError('autograd.%s: %d head gradients for %d heads'
                         % (what, len(head_grads), len(heads)))
    result = []
    for h, g in zip(heads, head_grads):
        if g is None:
            result.append(None)
            continue
        g = g._value.data if isinstance(g, NDArray) else to_device(np.asarray(g), h._ctx.xp)
        if tuple(g.shape) != h.shape:
            raise ValueError('autograd.%s: a head gradient of shape %s for a head of shape %s'
                             % (what, tuple(g.shape), h.shape))
        result.append(g.astype(h._value.data.dtype, copy=False))
    return [h._value for h in heads], result
