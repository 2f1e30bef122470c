"""Parameter: one learned array of a Gluon block, with a copy (replica) on each context it lives on.

    w = Parameter('dense0_weight', shape=(10, 0))     # 0: not known until the first forward
    w.initialize(mx.init.Xavier(), ctx=[mx.cpu(0), mx.cpu(1)])
    w.data(mx.cpu(1)), w.grad(mx.cpu(1))               # that context's replica and its gradient

A shape with a 0 in it is completed by the block at its first forward (deferred initialisation:
`initialize` remembers how, and the block calls `shape = ...` then `finish_deferred_init()`).
Each replica is an NDArray with an attached gradient, so `backward()` writes into `grad(ctx)`.
"""
import collections
import re

import numpy as np

from .. import initializer as _initializer
from ..backend import Context, cpu, to_numpy
from ..fileio import check_fits, load_arrays, save_arrays
from ..ndarray import NDArray, array
from ..numpy import ndarray as np_ndarray
from ..symbol import var
from ..util import is_np_array, is_np_shape


class DeferredInitializationError(RuntimeError):
    """A parameter's data was asked for before its shape is known (run a forward pass first)."""


def _contexts(ctx):
    if ctx is None:
        return [cpu()]
    return [Context(c) for c in (ctx if isinstance(ctx, (list, tuple)) else [ctx])]


class Parameter:

    """A block's learned array (or auxiliary state), as MXNet's gluon.Parameter: name;
    grad_req='write' ('add', 'null'); shape (0 for an axis learnt at the first forward, with
    allow_deferred_init=True); dtype=float32; lr_mult=1.0 and wd_mult=1.0 scale the optimizer's
    learning rate and weight decay for it; init (this parameter's own initializer);
    differentiable=True (False: no gradient). initialize() makes one replica per context; data(ctx)
    and grad(ctx) give them."""
    def __init__(self, name, grad_req='write', shape=None, dtype=np.float32, lr_mult=1.0,
                 wd_mult=1.0, init=None, allow_deferred_init=False, differentiable=True,
                 stype='default', grad_stype='default'):
        if grad_req not in ('write', 'add', 'null'):
            raise ValueError("Parameter %r: grad_req must be 'write', 'add' or 'null', got %r"
                             % (name, grad_req))
        self.name = name
        self._shape = None if shape is None else (tuple(shape) if isinstance(shape, (tuple, list))
                                                  else (int(shape),))
        self.dtype = dtype
        self.lr_mult, self.wd_mult = lr_mult, wd_mult
        self.init = init
        self.allow_deferred_init = allow_deferred_init
        self.grad_req = grad_req if differentiable else 'null'
        self._data = None            # {Context: NDArray}, in the order the contexts were given
        self._deferred = None        # (init, contexts, default_init) until the shape is known

    def __repr__(self):
        """'Parameter dense0_weight (shape=(256, 0), dtype=float32)': an axis not known yet is 0,
        or -1 under NumPy shape semantics (npx.set_np()), as MXNet prints it."""
        shape = self.shape
        if shape is not None and is_np_shape():
            shape = tuple(-1 if n == 0 else n for n in shape)
        return 'Parameter %s (shape=%s, dtype=%s)' % (self.name, shape, np.dtype(self.dtype).name)

    @property
    def shape(self):
        """The shape; 0 in an axis not known yet (learnt at the first forward)."""
        return self._shape

    @shape.setter
    def shape(self, new_shape):
        new_shape = tuple(int(n) for n in new_shape)
        if self._shape is not None and (len(self._shape) != len(new_shape) or any(
                old not in (0, new) for old, new in zip(self._shape, new_shape))):
            raise ValueError('Parameter %r: shape %s does not fit the declared shape %s'
                             % (self.name, new_shape, self._shape))
        self._shape = new_shape

    def _shape_known(self):
        return self._shape is not None and all(n > 0 for n in self._shape)

    # ----- initialisation -----
    def initialize(self, init=None, ctx=None, default_init=_initializer.Uniform(),
                   force_reinit=False):
        """Make the replicas on `ctx` (a Context or a list; cpu(0) by default) and fill them: with
        this parameter's own `init` when it has one, else `init`, else `default_init`."""
        if self._data is not None and not force_reinit:
            return
        contexts = _contexts(ctx)
        if init is None:
            init = default_init if self.init is None else self.init
        elif self.init is not None:
            init = self.init                  # the parameter's own initializer wins (MXNet's)
        if not self._shape_known():
            if not self.allow_deferred_init:
                raise ValueError('Parameter %r: cannot initialize with an unknown shape %s'
                                 % (self.name, self._shape))
            self._data, self._deferred = None, (init, contexts)
            return
        self._init_now(init, contexts)

    def _init_now(self, init, contexts):
        """Fill the replicas with `init`'s weight rule, whatever this parameter's name ends in: in
        Gluon, as in MXNet 1.9.1, the names' endings (_bias zeros, _gamma ones) play no part; the
        layers give their biases and BatchNorm's arrays initializers of their own."""
        init = _initializer.create(init) if isinstance(init, str) else init
        desc = _initializer.InitDesc(self.name, {'__init__': init})
        values = np.asarray(init.init_array(desc, self._shape), dtype=self.dtype)
        self._init_from(values, contexts)

    def finish_deferred_init(self):
        """Initialise now that the shape is known (a block calls this at its first forward)."""
        if self._deferred is None:
            return
        if not self._shape_known():
            raise DeferredInitializationError('Parameter %r: the shape %s is still not known'
                                              % (self.name, self._shape))
        self._init_now(*self._deferred)

    @property
    def is_deferred(self):
        """Whether initialize() was called before the shape was known: the replicas are made at the
        first forward."""
        return self._deferred is not None

    @property
    def is_initialized(self):
        """Whether the replicas exist (initialize() was called and the shape is known)."""
        return self._data is not None

    def reset_ctx(self, ctx):
        """Move the replicas to the contexts `ctx`."""
        values = self.data().asnumpy()
        self._data = None
        self._shape = values.shape
        self._init_from(values, _contexts(ctx))

    def _init_from(self, values, contexts):
        """A replica of `values` on each context, each with its gradient attached."""
        self._data = collections.OrderedDict()
        for c in contexts:
            replica = array(values, ctx=c, dtype=self.dtype)
            if is_np_array():      # npx.set_np(): parameters are mx.np arrays, as in MXNet
                replica = np_ndarray(replica.engine_value, replica.context)
            replica.attach_grad(self.grad_req)
            self._data[c] = replica
        self._deferred = None

    # ----- the arrays -----
    def _check_initialized(self, ctx=None):
        if self._data is None:
            if self._deferred is not None:
                raise DeferredInitializationError(
                    'Parameter %r has not been initialized yet because its shape %s is not known: '
                    'run a forward pass (or give the layer its in_units / in_channels) first'
                    % (self.name, self._shape))
            raise RuntimeError('Parameter %r has not been initialized; call initialize() (or '
                               'block.initialize()) first' % self.name)
        if ctx is not None and Context(ctx) not in self._data:
            raise RuntimeError('Parameter %r was not initialized on %s; it lives on %s'
                               % (self.name, Context(ctx), list(self._data)))

    def data(self, ctx=None):
        """The replica on `ctx` (the first context when None)."""
        if self._data is not None and ctx in self._data:
            return self._data[ctx]           # the common case, once a pass: no checks to make
        self._check_initialized(ctx)
        return self._data[Context(ctx)] if ctx is not None else next(iter(self._data.values()))

    def list_data(self):
        """The replicas, one NDArray per context, in the order of list_ctx()."""
        self._check_initialized()
        return list(self._data.values())

    def grad(self, ctx=None):
        """The gradient of the replica on `ctx`, which backward writes."""
        if self.grad_req == 'null':
            raise RuntimeError("Parameter %r has grad_req 'null': it has no gradient" % self.name)
        return self.data(ctx).grad

    def list_grad(self):
        """The replicas' gradients, one NDArray per context."""
        return [d.grad for d in self.list_data()]

    def list_ctx(self):
        """The contexts this parameter lives on (or will, once its deferred shape is known)."""
        if self._data is None:
            if self._deferred is not None:
                return list(self._deferred[1])
            raise RuntimeError('Parameter %r has not been initialized' % self.name)
        return list(self._data)

    def set_data(self, data):
        """Copy `data` (an NDArray or NumPy array of this shape) into every replica."""
        values = to_numpy(data.data_array if isinstance(data, NDArray) else np.asarray(data))
        self.shape = values.shape
        if self._data is None:
            if self._deferred is None:
                raise RuntimeError('Parameter %r: initialize() it before set_data()' % self.name)
            self._init_from(values, self._deferred[1])
            return
        for replica in self._data.values():
            replica[:] = values.astype(replica.dtype)

    def zero_grad(self):
        """Set this parameter's gradient to zero on every context (nothing for grad_req='null')."""
        if self._data is None or self.grad_req == 'null':
            return
        for replica in self._data.values():
            replica.grad[:] = 0

    def var(self):
        """This parameter as a symbol variable (what hybridize traces with)."""
        return var(self.name, shape=self._shape if self._shape_known() else None)


class Constant(Parameter):
    """A parameter that never changes (grad_req 'null'), holding `value`."""

    def __init__(self, name, value):
        value = np.asarray(value.asnumpy() if isinstance(value, NDArray) else value, np.float32)
        super().__init__(name, grad_req='null', shape=value.shape, dtype=value.dtype,
                         init=_initializer.Constant(value))


class ParameterDict:
    """Parameters by full name, in insertion order; `get` makes one under this dict's prefix."""

    def __init__(self, prefix='', shared=None):
        self.prefix = prefix
        self._params = collections.OrderedDict()
        self._shared = shared

    @property
    def shared(self):
        """The ParameterDict this one takes existing parameters from (None if none)."""
        return self._shared

    def __repr__(self):
        lines = ['%s (' % (self.prefix or 'ParameterDict')]
        lines += ['  %r' % p for p in self._params.values()]
        return '\n'.join(lines + [')'])

    def __getitem__(self, key):
        return self._params[key]

    def __iter__(self):
        return iter(self._params)

    def __len__(self):
        return len(self._params)

    def __contains__(self, key):
        return key in self._params

    def keys(self):
        """The parameters' full names, in the order they were made."""
        return self._params.keys()

    def values(self):
        """The Parameters, in the order they were made."""
        return self._params.values()

    def items(self):
        """(name, Parameter) pairs, in the order they were made."""
        return self._params.items()

    def get(self, name, **kwargs):
        """The parameter `prefix + name`, made with `kwargs` if it does not exist yet (or taken
        from the shared dict)."""
        full = self.prefix + name
        if full not in self._params:
            if self._shared is not None and full in self._shared:
                self._params[full] = self._shared[full]
            else:
                self._params[full] = Parameter(full, **kwargs)
        else:
            param = self._params[full]
            if 'shape' in kwargs and kwargs['shape'] is not None:
                param.shape = kwargs['shape']
        return self._params[full]

    def get_constant(self, name, value=None):
        """A constant parameter `prefix + name` holding `value` (an array): it is not trained
        (grad_req 'null'), and initialize() gives it `value` (MXNet's gluon Constant)."""
        full = self.prefix + name
        if full in self._params:
            return self._params[full]
        if value is None:
            raise KeyError('ParameterDict.get_constant: no constant %r yet, and no value to make '
                           'it with' % full)
        # an NDArray keeps its dtype; anything else becomes float32, as mx.nd.array makes it
        values = to_numpy(value.data_array) if isinstance(value, NDArray) else \
            np.asarray(to_numpy(value), dtype=np.float32)
        self._params[full] = Parameter(full, grad_req='null', shape=values.shape,
                                       dtype=values.dtype, init=_initializer.Constant(values),
                                       differentiable=False)
        return self._params[full]

    def update(self, other):
        """Add the parameters of another ParameterDict (two different parameters of one name are
        refused)."""
        for name, param in other.items():
            if name in self._params and self._params[name] is not param:
                raise ValueError('ParameterDict: two different parameters are named %r' % name)
            self._params[name] = param

    def initialize(self, init=_initializer.Uniform(), ctx=None, verbose=False,
                   force_reinit=False):
        """Initialize every parameter on `ctx` (default cpu(0)): with its own initializer when it has
        one, else `init` (MXNet's default Uniform(0.07)); force_reinit=False leaves initialized
        ones alone; verbose is accepted."""
        for param in self._params.values():
            param.initialize(None, ctx, init, force_reinit)

    def zero_grad(self):
        """Set every parameter's gradient to zero."""
        for param in self._params.values():
            param.zero_grad()

    def reset_ctx(self, ctx):
        """Move every parameter to the context (or list of contexts) `ctx`."""
        for param in self._params.values():
            param.reset_ctx(ctx)

    def setattr(self, name, value):
        """Set an attribute (grad_req, lr_mult, ...) on every parameter."""
        for param in self._params.values():
            setattr(param, name, value)

    def select(self, pattern):
        """The parameters whose name matches the regular expression (re.match, as MXNet)."""
        matcher = re.compile(pattern)
        selected = ParameterDict(self.prefix)
        selected.update({n: p for n, p in self._params.items() if matcher.match(n)})
        return selected

    def save(self, filename, strip_prefix=''):
        """Save the parameters' values to `filename` (MXNet's NDArray file format), their names less
        `strip_prefix` (default '')."""
        arrays = {}
        for name, param in self._params.items():
            if strip_prefix and not name.startswith(strip_prefix):
                raise ValueError('ParameterDict.save: %r does not start with strip_prefix %r'
                                 % (name, strip_prefix))
            arrays[name[len(strip_prefix):]] = param.data().asnumpy()
        save_arrays(filename, arrays, 'ParameterDict.save')

    def load(self, filename, ctx=None, allow_missing=False, ignore_extra=False, restore_prefix=''):
        """Load values that save() (or MXNet) wrote into these parameters, on `ctx` (default: their
        own); allow_missing=False and ignore_extra=False refuse a file that names other parameters;
        restore_prefix='' is put back before each name."""
        arrays = {restore_prefix + k: v for k, v in
                  load_arrays(filename, 'ParameterDict.load', 'parameters').items()}
        load_into(self._params, arrays, filename, ctx, allow_missing, ignore_extra)


def _shape_fits(shape, wanted):
    """Whether an array of `shape` can be a parameter of shape `wanted`, whose 0s are dimensions
    still unknown (deferred initialisation: Dense(5)'s weight is (5, 0) until the first input)."""
    return len(shape) == len(wanted) and all(w in (0, s) for s, w in zip(shape, wanted))


def load_into(params, arrays, filename, ctx, allow_missing, ignore_extra):
    """Copy `arrays` {name: NumPy array} into the Parameters `params` {name: Parameter}, refusing
    missing, extra (unless allowed) and mis-shaped ones, each named."""
    missing = [n for n in params if n not in arrays]
    extra = [n for n in arrays if n not in params]
    if missing and not allow_missing:
        raise ValueError('load_parameters: %s has no values for %s%s (pass allow_missing=True to '
                         'leave them as they are)' % (filename, missing, '' if not extra else
                         ', and has %s, which the block does not have (renamed?)' % extra))
    if extra and not ignore_extra:
        raise ValueError('load_parameters: %s has %s, which the block does not have (pass '
                         'ignore_extra=True to skip them)' % (filename, extra))
    for name, param in params.items():
        if name not in arrays:
            continue
        value = arrays[name]
        if param.shape is not None and not _shape_fits(value.shape, param.shape):
            raise ValueError('load_parameters: %r has shape %s in %s, but the block needs %s%s'
                             % (name, tuple(value.shape), filename, param.shape, '' if
                                param._shape_known() else ' (0: any size, set by the first input)'))
        check_fits(filename, name, value, param.dtype, 'load_parameters')
        if param._data is None and param._deferred is None:
            param.shape = value.shape
            param._init_from(value, _contexts(ctx))
        else:
            param.set_data(value)
