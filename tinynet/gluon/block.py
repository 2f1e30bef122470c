"""Block, HybridBlock and SymbolBlock: networks as Python objects that call mx.nd, as in MXNet Gluon.

    class Net(gluon.Block):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.fc = nn.Dense(10)              # a child block: registered by assignment
        def forward(self, x):
            return self.fc(x)

A Block's forward runs mx.nd ops at once (recorded under autograd.record(), like any NDArray op).
A HybridBlock writes `hybrid_forward(F, x, **params)` once for both faces: with F = mx.nd it runs
now; `hybridize()` calls it once with F = mx.sym to trace a Symbol, and from then on the block runs
that Symbol through the executor, as one engine node (`GraphOp`) on autograd's tape.

Names follow MXNet 1.x: a block's prefix is its kind and a counter (`dense0_`), or its parent's
prefix plus that inside the parent's `name_scope()`; a parameter is prefix + name (`dense0_weight`).
"""
import collections
import warnings
import contextlib

import numpy as np

from .. import initializer as _initializer
from .. import name as _names
from .. import ndarray as nd
from .. import symbol as sym
from ..engine import is_training
from ..fileio import load_arrays, save_arrays
from ..model import load_params, save_params
from ..ndarray.ndarray import invoke
from ..ops.base import Op
from .parameter import Parameter, ParameterDict, load_into


class _Scope:
    """Where new blocks get their prefixes: the block whose name_scope() is open, or the top."""
    current = None
    top_counters = collections.Counter()

    def __init__(self, block):
        self.block = block
        self.counters = collections.Counter()

    @staticmethod
    def create(prefix, params, hint):
        """(the new block's prefix, its ParameterDict), MXNet's rules: inside a parent's
        name_scope the prefix is the parent's plus the block's own, and its parameters are named
        from the parent's *parameter* prefix and shared as the parent's are (so a network built
        with `params=other.collect_params()` names its children's parameters as `other` does,
        and finds them). Given params= (another block's ParameterDict), the block names its
        parameters with their prefix and takes the existing ones from them."""
        scope = _Scope.current
        if prefix is None:
            counters = _Scope.top_counters if scope is None else scope.counters
            prefix = '%s%d_' % (hint, counters[hint])
            counters[hint] += 1
        if params is not None:
            own = ParameterDict(params.prefix, shared=params)
        elif scope is None:
            own = ParameterDict(prefix)
        else:
            parent = scope.block.params
            own = ParameterDict(parent.prefix + prefix, shared=parent.shared)
        return (prefix if scope is None else scope.block.prefix + prefix), own


class HookHandle:
    """What register_forward_hook and register_forward_pre_hook return: detach() removes the
    hook; `with block.register_forward_hook(h):` keeps it for the block of code only."""

    def __init__(self, hooks, hook):
        self.hooks, self.hook = hooks, hook

    def detach(self):
        """Remove the hook (nothing happens the second time)."""
        if any(h is self.hook for h in self.hooks):
            self.hooks.remove(self.hook)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.detach()


def _indent(text, spaces):
    lines = text.split('\n')
    return '\n'.join([lines[0]] + [' ' * spaces + line for line in lines[1:]])


class Block:
    """The base of every layer and network: children, parameters, naming, saving."""

    def __init__(self, prefix=None, params=None):
        shared = params if isinstance(params, ParameterDict) else None
        self._prefix, self._params = _Scope.create(prefix, shared, self._alias())
        self._empty_prefix = prefix == ''
        self._children = collections.OrderedDict()
        self._reg_params = collections.OrderedDict()
        self._scope = _Scope(self)
        self._forward_hooks = []
        self._forward_pre_hooks = []

    def _alias(self):
        """The hint of the block's automatic prefix (dense for dense0_): the class attribute
        `alias`, else the class name in lower case (MXNet's _alias)."""
        return getattr(type(self), 'alias', type(self).__name__.lower())

    def __setattr__(self, name, value):
        existing = self.__dict__.get(name)
        if isinstance(existing, (Block, Parameter)) and not isinstance(value, type(existing)):
            raise TypeError('%s: attribute %r is a %s; changing it to a %s is not allowed (MXNet '
                            'refuses it too)' % (type(self).__name__, name,
                                                 type(existing).__name__, type(value).__name__))
        if isinstance(value, Block):
            if '_children' in self.__dict__:
                self.register_child(value, name)      # a hybridized block drops its graph
            else:
                self.__dict__.setdefault('_children', collections.OrderedDict())[name] = value
        elif isinstance(value, Parameter):
            self.__dict__.setdefault('_reg_params', collections.OrderedDict())[name] = value
        super().__setattr__(name, value)

    def __repr__(self):
        children = '\n'.join('  (%s): %s' % (key, _indent(repr(block), 2))
                             for key, block in self._children.items())
        return '%s(\n%s\n)' % (type(self).__name__, children)

    @property
    def prefix(self):
        """The prefix of the block's parameter names ('dense0_'), given or made from the class name
        and a counter."""
        return self._prefix

    @property
    def name(self):
        """The block's name: its prefix without the trailing underscore ('dense0')."""
        return self._prefix[:-1] if self._prefix.endswith('_') else self._prefix

    @property
    def params(self):
        """This block's own ParameterDict (not its children's)."""
        return self._params

    @contextlib.contextmanager
    def name_scope(self):
        """Blocks made inside get this block's prefix in front of their own. A block made with
        prefix='' opens no scope of its own (MXNet's rule): blocks made inside are numbered in
        the enclosing one, as if made there (the model zoo's `features` containers)."""
        if self._empty_prefix:
            yield
            return
        previous, _Scope.current = _Scope.current, self._scope
        try:
            yield
        finally:
            _Scope.current = previous

    @property
    def children(self):
        """The child blocks, in the order they were registered."""
        return list(self._children.values())

    def register_child(self, block, name=None):
        """Make `block` a child of this one (done for you when a block is assigned to an attribute):
        its parameters join collect_params()."""
        self._children[name or str(len(self._children))] = block

    def register_forward_hook(self, hook):
        """hook(block, inputs, output) after each forward; returns a HookHandle (detach() it)."""
        self._forward_hooks.append(hook)
        return HookHandle(self._forward_hooks, hook)

    def register_forward_pre_hook(self, hook):
        """hook(block, inputs) before each forward; returns a HookHandle (detach() it)."""
        self._forward_pre_hooks.append(hook)
        return HookHandle(self._forward_pre_hooks, hook)

    def collect_params(self, select=None):
        """A ParameterDict of this block's parameters and its children's; with `select`, only
        those whose name matches the regular expression (re.match, e.g. '.*weight')."""
        self._warn_unregistered_blocks()
        collected = ParameterDict(self._params.prefix)
        collected.update(self._params)
        for child in self._children.values():
            collected.update(child.collect_params())
        return collected.select(select) if select else collected

    def _warn_unregistered_blocks(self):
        """A list, tuple or dict attribute holding Blocks does not make them children: their
        parameters would silently be left out of collect_params() (so never initialized, trained
        or saved). Warn, as MXNet does."""
        def holds_blocks(value):
            items = value.values() if isinstance(value, dict) else value
            return any(isinstance(v, Block) or (isinstance(v, (list, tuple, dict)) and
                                                holds_blocks(v)) for v in items)
        for name, value in vars(self).items():
            if isinstance(value, (list, tuple, dict)) and not name.startswith('_') and \
                    holds_blocks(value):
                warnings.warn('%s: "%s" is a %s holding Blocks, which are not registered as '
                              'children: their parameters are not in collect_params(). Use '
                              'nn.Sequential / nn.HybridSequential, or register_child() each.'
                              % (type(self).__name__, name, type(value).__name__), stacklevel=3)

    def apply(self, fn):
        """fn(block) on every child, depth first, then on this block; returns this block."""
        for child in self._children.values():
            child.apply(fn)
        fn(self)
        return self

    def save_params(self, filename):
        """MXNet's older save: the parameters by full name less this block's prefix (as
        collect_params().save(filename, strip_prefix=prefix)); prefer save_parameters."""
        warnings.warn('save_params is deprecated. Please use save_parameters.')
        self.collect_params().save(filename, strip_prefix=self.prefix)

    def load_params(self, filename, ctx=None, allow_missing=False, ignore_extra=False):
        """What save_params wrote (names put back behind this block's prefix); prefer
        load_parameters."""
        warnings.warn('load_params is deprecated. Please use load_parameters.')
        self.collect_params().load(filename, ctx, allow_missing, ignore_extra,
                                   restore_prefix=self.prefix)

    def _structural_params(self, prefix=''):
        """{'conv1.weight': Parameter}: names by attribute path, what save_parameters writes."""
        found = {prefix + key: param for key, param in self._reg_params.items()}
        for key, child in self._children.items():
            found.update(child._structural_params(prefix + key + '.'))
        return found

    def initialize(self, init=_initializer.Uniform(), ctx=None, verbose=False,
                   force_reinit=False):
        """Initialise every parameter (those of unknown shape at the first forward)."""
        self.collect_params().initialize(init, ctx, verbose, force_reinit)

    def hybridize(self, active=True, **kwargs):
        """Hybridize every HybridBlock inside this block (active=False turns it off): a plain Block
        itself runs imperatively, its hybrid children as traced Symbols."""
        for child in self._children.values():
            child.hybridize(active, **kwargs)

    def cast(self, dtype):
        """Give every parameter of this block and its children the dtype `dtype` ('float32',
        'float64', ...)."""
        for child in self._children.values():
            child.cast(dtype)
        for param in self._reg_params.values():
            param.dtype = dtype

    def zero_grad(self):
        """Set the gradient of every parameter to zero (for grad_req='add')."""
        self.collect_params().zero_grad()

    def save_parameters(self, filename, deduplicate=False):
        """The parameters, by attribute path ('conv1.weight'), in MXNet's NDArray file format
        (MXNet's load_parameters reads it)."""
        params = self._structural_params()
        save_arrays(filename, {name: p.data().asnumpy() for name, p in params.items()},
                    'save_parameters')

    def load_parameters(self, filename, ctx=None, allow_missing=False, ignore_extra=False,
                        cast_dtype=False, dtype_source='current'):
        """Load values that save_parameters (or MXNet's save_parameters, or export's .params) wrote
        into this block's parameters, on `ctx` (default: their own). allow_missing=False and
        ignore_extra=False refuse a file that names other parameters, naming them; cast_dtype and
        dtype_source are MXNet's and accepted."""
        arrays = load_arrays(filename, 'load_parameters', 'parameters')
        params = self._structural_params()
        if arrays and not any('.' in k for k in arrays) and any('.' in k for k in params):
            # a file of full names (ParameterDict.save, export): match by prefix + name
            params = {p.name: p for p in params.values()}
        load_into(params, arrays, filename, ctx, allow_missing, ignore_extra)

    def __call__(self, *args):
        for i, a in enumerate(args):
            if isinstance(a, (np.ndarray, list)):
                raise TypeError('%s: input %d is a %s; a block takes NDArrays: pass '
                                'mx.nd.array(x) (on the context its parameters live on)'
                                % (type(self).__name__, i, type(a).__name__))
        for hook in self._forward_pre_hooks:
            hook(self, args)
        out = self.forward(*args)
        for hook in self._forward_hooks:
            hook(self, args, out)
        return out

    def forward(self, *args):
        raise NotImplementedError('%s: a Block subclass writes forward(self, x)' % type(self).__name__)

    def summary(self, *inputs):
        """Print each layer's output shape and parameter count for a forward pass of `inputs`."""
        rows, hooks = [], []

        def record_row(block, args, out):
            if isinstance(out, sym.Symbol):
                return                         # a trace for shape inference, not the pass itself
            shape = [o.shape for o in out] if isinstance(out, (list, tuple)) else out.shape
            count = sum(int(np.prod(p.shape)) for p in block._reg_params.values())
            rows.append(('%s(%s)' % (block.name, type(block).__name__), shape, count))

        def walk(block):
            block.register_forward_hook(record_row)
            hooks.append(block)
            for child in block._children.values():
                walk(child)
        walk(self)
        try:
            self(*inputs)
        finally:
            for block in hooks:
                block._forward_hooks.remove(record_row)
        width = 80
        lines = ['-' * width, '%25s  %30s  %15s' % ('Layer (type)', 'Output Shape', 'Param #'),
                 '=' * width, '%25s  %30s  %15s' % ('Input', [i.shape for i in inputs]
                                                     if len(inputs) > 1 else inputs[0].shape, 0)]
        lines += ['%25s  %30s  %15d' % (name, shape, count) for name, shape, count in rows
                  if name != '%s(%s)' % (self.name, type(self).__name__)]
        total = sum(int(np.prod(p.shape)) for p in self.collect_params().values())
        trainable = sum(int(np.prod(p.shape)) for p in self.collect_params().values()
                        if p.grad_req != 'null')
        lines += ['=' * width, 'Parameters in forward computation graph, duplicate included',
                  '   Total params: %d' % total, '   Trainable params: %d' % trainable,
                  '   Non-trainable params: %d' % (total - trainable), '-' * width]
        print('\n'.join(lines))


class GraphOp(Op):
    """A hybridized block's whole Symbol as one op of the engine: forward runs the symbol through
    an executor (one per input shapes and context, kept), backward runs the executor's backward
    and hands each input its gradient. So a hybridized block sits on autograd's tape as one node."""

    def __init__(self, name, symbol, input_names, aux_names, ctx):
        super().__init__(name)
        self.symbol = symbol
        self.ctx = ctx
        self.arguments = tuple(symbol.list_arguments())
        self.input_names = input_names
        self.aux_names = aux_names
        self.executors = {}

    def _executor(self, xp, arrays, aux, ctx):
        key = (ctx, tuple(tuple(a.shape) for a in arrays))
        exe = self.executors.get(key)
        if exe is None:
            args = dict(zip(self.arguments, arrays))
            grads = {name: xp.zeros_like(a) for name, a in args.items()}
            exe = self.symbol.bind(ctx, args=args, args_grad=grads, grad_req='write',
                                   aux_states=dict(zip(self.aux_names, aux)))
            self.executors[key] = exe
        for name, a in zip(self.arguments, arrays):
            exe.set_array(name, a)                  # this call's arrays, bound without copying
        for name, a in zip(self.aux_names, aux):
            exe.set_array(name, a, aux=True)
        return exe

    def forward(self, xp, inputs, record):
        n = len(self.arguments)
        arrays, aux = inputs[:n], inputs[n:]
        exe = self._executor(xp, arrays, aux, self.ctx)
        exe.forward(is_train=record, training=is_training())
        return list(exe.output_arrays), ((exe, exe.take_recording()) if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        exe, recording = saved
        exe.backward_recording(recording, out_grads)
        grads = [exe.grad(name).copy() if needed else None
                 for name, needed in zip(self.arguments, needs_grad)]
        return grads + [None] * (len(needs_grad) - len(grads))


class _Trace:
    """The op names given so far in the symbol being traced (None when not tracing): a block
    called twice (shared weights) names its second op `dense0_fwd1`, since a graph's layer names
    are unique. `prefixes`: the name manager of each block prefix in this trace, one counter
    per prefix (MXNet starts one per call, so that a block traced twice repeats names)."""
    names = None
    prefixes = None


class HybridBlock(Block):
    """A block whose computation is `hybrid_forward(F, x, *args, **params)`, F being mx.nd or
    mx.sym; `hybridize()` makes it run as one traced Symbol."""

    def __init__(self, prefix=None, params=None):
        super().__init__(prefix, params)
        self._active = False
        self._cached = None          # (symbol, input names, parameters, aux parameters)
        self._graph_ops = {}         # a GraphOp per context, made at its first call

    def hybridize(self, active=True, **kwargs):
        """Run this block (and its children) as one traced Symbol from the next call on."""
        self._active = active
        self._cached, self._graph_ops = None, {}
        super().hybridize(active, **kwargs)

    def register_child(self, block, name=None):
        """A new child changes the graph: the traced one is dropped, as MXNet does."""
        super().register_child(block, name)
        self._cached, self._graph_ops = None, {}

    def op_name(self, suffix):
        """The name of this block's op `suffix` (prefix + suffix), numbered from its second use
        in one trace."""
        name = self.prefix + suffix
        if _Trace.names is None:
            return name
        uses = _Trace.names[name]
        _Trace.names[name] += 1
        return name if uses == 0 else '%s%d' % (name, uses)

    def hybrid_forward(self, F, x, *args, **kwargs):
        raise NotImplementedError('%s: a HybridBlock subclass writes hybrid_forward(self, F, x, '
                                  '**params)' % type(self).__name__)

    def _trace(self, given):
        """The Symbol this block computes, on inputs named data (data0, data1, ... for several):
        `given` has a True per input the call has, False for one it passed as None (the
        trace gets None there, as hybrid_forward did), and the names of the given ones."""
        all_names = ['data'] if len(given) == 1 else ['data%d' % i for i in range(len(given))]
        inputs = [sym.var(n) if g else None for n, g in zip(all_names, given)]
        out = self.forward(*inputs)     # not self(...): the block's own hooks fire once per call
        out = sym.Group(out) if isinstance(out, (list, tuple)) else out
        return out, [n for n, g in zip(all_names, given) if g]

    def infer_shape(self, *args):
        """Give every parameter of unknown shape (a 0 in it) its shape, from the inputs' shapes,
        by tracing the symbol and asking it (the same shape inference the executor uses)."""
        out, names = self._trace(tuple(a is not None for a in args))
        args = [a for a in args if a is not None]
        shapes = out.infer_shape_partial(**{n: a.shape for n, a in zip(names, args)})
        known = dict(zip(out.list_arguments(), shapes[0]))
        known.update(zip(out.list_auxiliary_states(), shapes[2]))
        for param in self.collect_params().values():
            shape = known.get(param.name)
            if shape:
                param.shape = shape

    def _finish_init(self, args):
        """Parameters of this block still waiting for their shape get it from these inputs.
        (Only this block's own: a child finishes its own when it is called. Checked per call,
        so it must stay cheap.)"""
        if any(p.is_deferred for p in self._reg_params.values()):
            self.infer_shape(*args)
            for p in self.collect_params().values():
                p.finish_deferred_init()

    def __call__(self, *args):
        if isinstance(_first_given(args), nd.NDArray):
            self._finish_init(args)
        return super().__call__(*args)

    def forward(self, x, *args):
        """hybrid_forward(F, x, *args, **parameters) with F mx.nd or, while tracing, mx.sym.
        An input may be None (hybrid_forward gets None there; the traced graph is made for the
        inputs given, and made again for a call that gives others); not all of them."""
        first = _first_given((x,) + args)
        if first is None:
            raise ValueError('%s: every input is None; give at least one array' % self.name)
        if any(a is not None and isinstance(a, sym.Symbol) != isinstance(first, sym.Symbol)
               for a in (x,) + args):
            raise ValueError('%s: the inputs mix Symbols and NDArrays; give one kind'
                             % self.name)
        if isinstance(first, sym.Symbol):
            params = {name: p.var() for name, p in self._reg_params.items()}
            outermost = _Trace.names is None
            if outermost:
                _Trace.names, _Trace.prefixes = collections.Counter(), {}
            # ops made without a name in hybrid_forward are named under this block's prefix
            # (a block made with prefix='' names them under its parent's), as in MXNet
            scope = contextlib.nullcontext() if self._empty_prefix else \
                _Trace.prefixes.setdefault(self.prefix, _names.BlockPrefix(self.prefix))
            try:
                with scope:
                    return self.hybrid_forward(sym, x, *args, **params)
            finally:
                if outermost:
                    _Trace.names = _Trace.prefixes = None
        if self._active:
            return self._call_graph(x, *args)
        ctx = first.context
        params = {name: p.data(ctx) for name, p in self._reg_params.items()}
        return self.hybrid_forward(nd, x, *args, **params)

    def _build_graph(self, given):
        out, names = self._trace(given)
        by_name = {p.name: p for p in self.collect_params().values()}
        params = [by_name[n] for n in out.list_arguments() if n not in names]
        aux = [by_name[n] for n in out.list_auxiliary_states() if n not in names]
        self._cached = (out, names, params, aux)
        self._cached_given = given

    def _call_graph(self, *args):
        given = tuple(a is not None for a in args)
        if self._cached is not None and getattr(self, '_cached_given', given) != given:
            self._cached, self._graph_ops = None, {}      # other inputs given: another graph
        if self._cached is None:
            params = self.collect_params().values()      # the whole tree's: none of them will
            if any(p.is_deferred for p in params):        # be called one by one from now on
                self.infer_shape(*args)
                for p in params:
                    p.finish_deferred_init()
            self._build_graph(given)
        args = [a for a in args if a is not None]
        symbol, names, params, aux = self._cached
        ctx = args[0].context
        op = self._graph_ops.get(ctx)
        if op is None:
            op = self._graph_ops[ctx] = GraphOp(self.prefix + 'graph', symbol, names,
                                                symbol.list_auxiliary_states(), ctx)
        inputs = dict(zip(op.input_names, args))
        by_name = {p.name: p for p in params + aux}
        # each argument and auxiliary state (BatchNorm's moving statistics) from the call's inputs
        # when the block was given it, else from its parameter
        arrays = [inputs[n] if n in inputs else by_name[n].data(ctx)
                  for n in list(op.arguments) + op.aux_names]
        out = invoke(op, arrays)
        return out

    def traced_symbol(self):
        """The Symbol this hybridized block runs as, once it has been called (None before, and
        for a block that is not hybridized)."""
        return None if self._cached is None else self._cached[0]

    def export(self, path, epoch=0, remove_amp_cast=True):
        """`path-symbol.json` and `path-%04d.params` (keys arg:name / aux:name) of the hybridized
        block, which Module.load, tinynet.predict and SymbolBlock.imports all read."""
        if self._cached is None:
            raise RuntimeError('%s.export: hybridize() the block and run it once first, so that '
                               'its graph is known' % type(self).__name__)
        symbol, _, params, aux = self._cached
        symbol.save('%s-symbol.json' % path)
        save_params('%s-%04d.params' % (path, epoch),
                    {p.name: p.data().asnumpy() for p in params},
                    {p.name: p.data().asnumpy() for p in aux})


def _first_given(args):
    """The first input that is not None (None when all are)."""
    return next((a for a in args if a is not None), None)


class SymbolBlock(HybridBlock):
    """A block made from a Symbol (for example one exported by `export`): its inputs are the
    variables named in `inputs`, every other argument is a parameter."""

    def __init__(self, outputs, inputs, params=None):
        super().__init__(prefix='', params=None)
        outputs = sym.Group(outputs) if isinstance(outputs, (list, tuple)) else outputs
        inputs = [inputs] if isinstance(inputs, sym.Symbol) else list(inputs)
        self._input_names = [i.name for i in inputs]
        self._symbol = outputs
        for name in outputs.list_arguments():
            if name not in self._input_names:
                self._params.get(name, allow_deferred_init=True)
        for name in outputs.list_auxiliary_states():
            self._params.get(name, grad_req='null', allow_deferred_init=True)
        if params is not None:
            self._params.update({n: p for n, p in params.items() if n in self._params})
        aux = [self._params[n] for n in outputs.list_auxiliary_states()]
        arg_params = [self._params[n] for n in outputs.list_arguments()
                      if n not in self._input_names]
        self._cached = (outputs, self._input_names, arg_params, aux)
        self._active = True

    def __repr__(self):
        return 'SymbolBlock(%s -> %s)' % (self._input_names, self._symbol.list_outputs())

    def hybridize(self, active=True, **kwargs):
        """A SymbolBlock is a graph already: it always runs as one."""

    def infer_shape(self, *args):
        shapes = self._symbol.infer_shape_partial(**{n: a.shape for n, a in
                                                     zip(self._input_names, args)})
        known = dict(zip(self._symbol.list_arguments(), shapes[0]))
        known.update(zip(self._symbol.list_auxiliary_states(), shapes[2]))
        for name, param in self._params.items():
            if known.get(name):
                param.shape = known[name]

    def forward(self, *args):
        if isinstance(args[0], sym.Symbol):
            raise TypeError('SymbolBlock: cannot be traced again; use its symbol')
        return self._call_graph(*args)

    @staticmethod
    def imports(symbol_file, input_names, param_file=None, ctx=None):
        """A SymbolBlock from `path-symbol.json` (and its `.params`, as `export` writes them)."""
        outputs = sym.load(symbol_file)
        input_names = [input_names] if isinstance(input_names, str) else list(input_names)
        block = SymbolBlock(outputs, [sym.var(n) for n in input_names])
        if param_file is not None:
            arg, aux = load_params(param_file)
            arrays = dict(arg)
            arrays.update(aux)
            load_into(dict(block._params.items()), arrays, param_file, ctx, False, False)
        return block

