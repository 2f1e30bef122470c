"""Symbols: networks described as graphs before any array exists, as in MXNet 1.x.

    data = mx.sym.var('data')
    fc1  = mx.sym.FullyConnected(data=data, num_hidden=128, name='fc1')   # adds fc1_weight, fc1_bias
    net  = mx.sym.SoftmaxOutput(data=fc1, name='softmax')                 # adds softmax_label

A graph is made of `GraphNode`s: a variable (op None) or an op applied to input nodes. A `Symbol` is
a handle on one or more output nodes (`output_nodes`). `infer_shape` walks the graph once, asking each op for the
shapes of its parameters and output; `simple_bind`/`bind` give it arrays (see executor.py).

The op functions (mx.sym.FullyConnected, mx.sym.sum, ...), Symbol's methods (x.sum()) and its
operators (x * 2) are made from the op table, ops/registry.py, as mx.nd's are: the same Op classes.
"""
import json
import numbers
import warnings

import numpy as _np

from . import attribute as _attribute
from . import name as _names
from .engine import depth_first_order
from .fileio import atomic_write
from .ops import registry
from .ops.attrs import attr_to_string
from .util import is_label  # noqa: F401 (MXNet code finds it here)


def _auto_name(hint, name=None):
    """The op's name: `name`, or fullyconnected0, fullyconnected1, ..., as the current
    NameManager says (mx.name: a Prefix also prefixes given names)."""
    return _names.current().get(name, hint)


class GraphNode:
    """One node of a symbol's graph: a variable (op None) or an op with its input nodes."""
    __slots__ = ('op', 'name', 'attrs', 'inputs')

    def __init__(self, op, name, attrs, inputs):
        self.op = op          # an Op instance, or None for a variable
        self.name = name
        self.attrs = attrs    # as strings, exactly as they go into JSON
        self.inputs = inputs  # list of _Node

    @property
    def is_variable(self):
        """Whether this node is a variable (data, a label or a parameter), not an op."""
        return self.op is None


def node_key(node):
    """The key of a node in a table of shapes: a variable by its name (two uses of one name are one
    argument), an op node by its identity."""
    return node.name if node.is_variable else id(node)


class Symbol:
    """A handle on the output(s) of a graph: `output_nodes`, the GraphNodes it outputs."""
    __array_ufunc__ = None      # np.float32(2) * symbol: NumPy leaves it to Symbol.__rmul__

    def __init__(self, output_nodes):
        self.output_nodes = list(output_nodes)

    # (arithmetic operators and the methods that run ops come from the op table: see the end)

    # ----- what is in the graph -----
    @property
    def name(self):
        """The name of this symbol's one output node (None for a group of several)."""
        return self.output_nodes[0].name if len(self.output_nodes) == 1 else None

    def topological_nodes(self):
        """Every node behind the outputs, inputs before the ops that use them, inputs visited in
        order (MXNet's depth-first order, which `list_arguments` follows)."""
        return depth_first_order(self.output_nodes, lambda node: node.inputs)

    def _variable_names(self, keep):
        """The names of the variables `keep` accepts, in graph order, each once: two variable
        nodes of one name are one argument (a shared weight traced twice, say)."""
        return list(dict.fromkeys(n.name for n in self.topological_nodes()
                                  if n.is_variable and keep(n)))

    def list_arguments(self):
        """The names of the graph's variables that are not auxiliary states (data, labels,
        parameters), in MXNet's depth-first input order, each once."""
        return self._variable_names(lambda n: not _is_aux(n))

    def list_auxiliary_states(self):
        """The names of the graph's auxiliary states (BatchNorm's moving_mean and moving_var)."""
        return self._variable_names(_is_aux)

    def list_inputs(self):
        """Every variable's name: arguments and auxiliary states."""
        return self._variable_names(lambda n: True)

    def list_outputs(self):
        """The outputs' names: <op name>_output (a variable's own name)."""
        return [n.name if n.is_variable else n.name + '_output' for n in self.output_nodes]

    def get_internals(self):
        """A symbol whose outputs are every node of the graph (variables and op outputs)."""
        return Symbol(self.topological_nodes())

    def __call__(self, *args, name=None, **kwargs):
        """A copy of the graph with variables replaced by symbols, named by keyword (MXNet's
        composition): net2(fc3_data=net1) feeds net1 where net2 read fc3_data. name= renames
        the copy's output node (its output is then '<name>_output'); this symbol is left as it
        was."""
        if args:
            raise TypeError('Symbol composition: give the variables to replace by name, '
                            "net(data=other); MXNet's general composition also takes only "
                            'keywords')
        inputs = self.list_inputs()
        for key, value in kwargs.items():
            if key not in inputs:
                raise ValueError('Symbol composition: %r is not a variable of this symbol; its '
                                 'variables are %s' % (key, inputs))
            if not isinstance(value, Symbol) or len(value.output_nodes) != 1:
                raise TypeError('Symbol composition: %s=%r must be a symbol of one output'
                                % (key, value))
        copies = {}
        for node in self.topological_nodes():
            if node.is_variable:
                copies[id(node)] = kwargs[node.name].output_nodes[0] if node.name in kwargs \
                    else node
            else:
                copies[id(node)] = GraphNode(node.op, node.name, dict(node.attrs),
                                             [copies[id(child)] for child in node.inputs])
        outputs = [copies[id(node)] for node in self.output_nodes]
        if name is not None and len(outputs) == 1 and not outputs[0].is_variable:
            head = outputs[0]
            outputs = [GraphNode(head.op, name, head.attrs, head.inputs)]
        return Symbol(outputs)

    def get_children(self):
        """A symbol of the inputs of this symbol's output nodes (None for a variable)."""
        children = [child for node in self.output_nodes for child in node.inputs]
        return Symbol(children) if children else None

    def __getitem__(self, index):
        if isinstance(index, str):
            names = self.list_outputs()
            if index not in names:
                raise ValueError('no output named %r; outputs are %s' % (index, names))
            index = names.index(index)
        return Symbol([self.output_nodes[index]])

    def __len__(self):
        return len(self.output_nodes)

    def __iter__(self):
        return (Symbol([node]) for node in self.output_nodes)

    def __repr__(self):
        if len(self.output_nodes) == 1:
            return '<Symbol %s>' % self.output_nodes[0].name
        return '<Symbol group [%s]>' % ', '.join(n.name for n in self.output_nodes)

    def attr(self, key):
        """The string attribute `key` of this symbol's one output node (None if it has none)."""
        return self.output_nodes[0].attrs.get(key) if len(self.output_nodes) == 1 else None

    def list_attr(self):
        """The attributes of this symbol's one output node, as a dict of strings."""
        return dict(self.output_nodes[0].attrs) if len(self.output_nodes) == 1 else {}

    def attr_dict(self):
        """{node name: its attributes} of every node of the graph that has some."""
        return {n.name: dict(n.attrs) for n in self.topological_nodes() if n.attrs}

    # ----- shapes -----
    def infer_shape(self, *args, **kwargs):
        """Shapes from the known input shapes: `(arg_shapes, out_shapes, aux_shapes)`, each list in
        `list_arguments()` / `list_outputs()` / `list_auxiliary_states()` order; all three are None
        when the given shapes do not determine every argument (as MXNet's)."""
        shapes = self.node_shapes(*args, **kwargs)
        arg_shapes = [shapes.get(name) for name in self.list_arguments()]
        out_shapes = [shapes.get(node_key(node)) for node in self.output_nodes]
        if any(s is None for s in arg_shapes) or any(s is None for s in out_shapes):
            unknown = [name for name, s in zip(self.list_arguments(), arg_shapes) if s is None]
            warnings.warn('Cannot decide shape for the following arguments: %s. Consider '
                          'providing them as input (MXNet warns so too).' % ', '.join(unknown),
                          UserWarning, stacklevel=2)
            return None, None, None
        return arg_shapes, out_shapes, [shapes[name] for name in self.list_auxiliary_states()]

    def infer_shape_partial(self, *args, **kwargs):
        """As infer_shape, but giving () for the shapes the given ones do not determine, instead of
        None for all."""
        shapes = self.node_shapes(*args, **kwargs)
        return ([shapes.get(name) or () for name in self.list_arguments()],
                [shapes.get(node_key(node)) or () for node in self.output_nodes],
                [shapes.get(name) or () for name in self.list_auxiliary_states()])

    # ----- dtypes -----
    def infer_type(self, *args, **kwargs):
        """Dtypes from the known input dtypes (positional in list_arguments() order, or by name;
        'float16', np.float16, ...): `(arg_types, out_types, aux_types)` as NumPy scalar types
        (np.float32), each list in list_arguments() / list_outputs() /
        list_auxiliary_states() order; all three None when the given ones do not determine
        every argument (as MXNet's). Most ops give their inputs and output one dtype; Cast,
        one_hot and Embedding have their own rules, indices and labels keep theirs."""
        arg_types, out_types, aux_types = self.infer_type_partial(*args, **kwargs)
        if None in arg_types or None in out_types or None in aux_types:
            unknown = [n for n, t in zip(self.list_arguments(), arg_types) if t is None]
            warnings.warn('Cannot decide type for the following arguments: %s. Consider '
                          'providing them as input (MXNet warns so too).' % ', '.join(unknown),
                          UserWarning, stacklevel=2)
            return None, None, None
        return arg_types, out_types, aux_types

    def infer_type_partial(self, *args, **kwargs):
        """As infer_type, but with None for the dtypes the given ones do not determine."""
        arg_names = self.list_arguments()
        known = self._given_inputs(args, kwargs, 'infer_type', 'dtypes')
        nodes = self.topological_nodes()
        types = {}
        for node in nodes:
            if node.is_variable:
                t = known.get(node.name) or node.attrs.get('__dtype__')
                if t is not None:
                    types[node.name] = _np.dtype(t)
        # ops pass dtypes forward and back to their inputs: repeat until nothing changes
        for _ in range(len(nodes)):
            changed = False
            for node in nodes:
                if node.is_variable:
                    continue
                in_types = [types.get(node_key(child)) for child in node.inputs]
                new_in, out = node.op.infer_type(in_types)
                for child, t in zip(node.inputs, new_in):
                    if t is not None and types.get(node_key(child)) is None:
                        types[node_key(child)], changed = _np.dtype(t), True
                if out[0] is not None and types.get(id(node)) is None:
                    types[id(node)], changed = _np.dtype(out[0]), True
            if not changed:
                break

        def scalar_type(key):
            return None if types.get(key) is None else types[key].type
        return ([scalar_type(n) for n in arg_names],
                [scalar_type(node_key(node)) for node in self.output_nodes],
                [scalar_type(n) for n in self.list_auxiliary_states()])

    def _given_inputs(self, args, kwargs, where, what):
        """{input name: value} of the shapes or dtypes given to `where` (infer_shape,
        infer_type): positional ones in list_arguments() order (None: not given), then keywords,
        each the name of an argument or auxiliary state."""
        arg_names = self.list_arguments()
        if len(args) > len(arg_names):
            raise ValueError('%s: %d positional %s for %d arguments %s'
                             % (where, len(args), what, len(arg_names), arg_names))
        known = {name: value for name, value in zip(arg_names, args) if value is not None}
        for name, value in kwargs.items():
            if name not in self.list_inputs():
                raise ValueError('%s: %r is not an argument of this symbol; its arguments are %s'
                                 % (where, name, arg_names))
            known[name] = value
        return known

    def node_shapes(self, *args, **kwargs):
        """{node_key(node): output shape} of every node whose shape the given input shapes
        determine, checking every op on the way (what infer_shape and viz read)."""
        known = self._given_inputs(args, kwargs, 'infer_shape', 'shapes')
        shapes = {}
        for node in self.topological_nodes():
            if node.is_variable:
                shape = known.get(node.name) or _parse_shape(node.attrs.get('__shape__'))
                if shape is not None:
                    shapes[node.name] = tuple(int(s) for s in shape)
                continue
            in_shapes = [shapes.get(node_key(child)) for child in node.inputs]
            new_in, out = node.op.infer_shape(in_shapes)
            for child, shape in zip(node.inputs, new_in):
                if child.is_variable and shape is not None and shapes.get(child.name) is None:
                    shapes[child.name] = tuple(shape)
            if out[0] is not None:
                shapes[id(node)] = tuple(out[0])
        return shapes

    # ----- saving and loading -----
    def tojson(self):
        """The graph in MXNet's JSON format (nodes, arg_nodes, node_row_ptr, heads, attrs)."""
        nodes = self.topological_nodes()
        index = {id(node): i for i, node in enumerate(nodes)}
        json_nodes = []
        for node in nodes:
            op_name, attrs = ('null', node.attrs) if node.is_variable else \
                registry.json_form(node.op, node.attrs)
            entry = {'op': op_name, 'name': node.name}
            if attrs:
                entry['attrs'] = dict(attrs)
            entry['inputs'] = [[index[id(child)], 0, 0] for child in node.inputs]
            json_nodes.append(entry)
        graph = {'nodes': json_nodes,
                 'arg_nodes': [i for i, node in enumerate(nodes) if node.is_variable],
                 'node_row_ptr': list(range(len(nodes) + 1)),
                 'heads': [[index[id(node)], 0, 0] for node in self.output_nodes],
                 'attrs': {'mxnet_version': ['int', 10901]}}
        return json.dumps(graph, indent=2)

    def save(self, fname):
        """Write `tojson()` to `fname`, whole or not at all (fileio.atomic_write)."""
        with atomic_write(fname, 'w') as f:
            f.write(self.tojson())

    # ----- arrays -----
    # A Symbol binds into an Executor, as in MXNet's API, though the executor sits above symbols
    # (it runs them): the import is made when bind is called, never at load (the executor does not
    # import this module, so there is no import cycle).
    def simple_bind(self, ctx=None, grad_req='write', type_dict=None, **shapes):
        """An Executor with zero arrays for every argument (and gradient, as grad_req='write' says)
        from the input shapes given as keywords (data=(100, 784)); type_dict={name: dtype} (default
        float32)."""
        from .executor import simple_bind
        return simple_bind(self, ctx, grad_req, type_dict, shapes)

    def eval(self, ctx=None, **kwargs):
        """The outputs (a list of NDArrays) for the argument arrays given by name: bind with no
        gradients, then forward (MXNet's shortcut)."""
        from .executor import Executor
        return Executor(self, ctx, kwargs, None, 'null', None).forward()

    def __bool__(self):
        from .base import NotImplementedForSymbol
        raise NotImplementedForSymbol(self.__bool__, 'bool')

    def bind(self, ctx=None, args=None, args_grad=None, grad_req='write', aux_states=None):
        """An Executor on `ctx` for the arrays `args` (a dict or a list in list_arguments() order),
        their gradient arrays `args_grad`, grad_req='write' ('add', 'null', or one per argument)
        and aux_states. NDArrays are bound as they are: a later write to one is seen by forward,
        and backward writes the gradients into the args_grad arrays."""
        from .executor import Executor
        return Executor(self, ctx, args, args_grad, grad_req, aux_states)


def _is_aux(node):
    return node.attrs.get('__aux__') == 'True'


def _parse_shape(text, where='__shape__'):
    """A variable's __shape__ attribute, or None where it says nothing: MXNet writes a 0 for an
    axis it did not know yet (a Gluon parameter exported before its shape was inferred). Anything
    but non-negative integers raises ValueError naming `where`."""
    if not text:
        return None
    try:
        shape = tuple(int(v) for v in text.strip('()[] ').split(',') if v.strip())
    except ValueError:
        shape = None
    if shape is None or any(n < 0 for n in shape):
        raise ValueError('%s is %r; a shape is a tuple of non-negative integers, such as "(2, 3)"'
                         % (where, text))
    return None if not shape or 0 in shape else shape


# ----- making symbols -----

def var(name, attr=None, shape=None, lr_mult=None, wd_mult=None, dtype=None, init=None,
        stype=None, **kwargs):
    """A named input of the graph: data, a label, or a parameter (MXNet's mx.sym.var).

    attr: a dict of string attributes; shape, dtype: what the variable will hold (recorded as
    __shape__ and __dtype__); lr_mult, wd_mult: scale the learning rate and weight decay of a
    parameter (recorded as __lr_mult__, __wd_mult__); init: an Initializer, recorded as __init__;
    stype: only 'default' (dense). Other keyword arguments must be MXNet's __name__ attributes."""
    unknown = sorted(k for k in kwargs if not (k.startswith('__') and k.endswith('__')))
    if unknown:
        raise TypeError('var %r: unsupported argument(s) %s (supported: attr, shape, lr_mult, '
                        'wd_mult, dtype, init, stype and __attributes__)' % (name, ', '.join(unknown)))
    if not isinstance(name, str) or not name:
        raise ValueError('var: name must be a non-empty string, got %r' % (name,))
    if stype not in (None, 'default'):
        raise NotImplementedError('var %r: stype=%r: tinynet has only dense arrays' % (name, stype))
    attrs = {k: str(v) for k, v in _attribute.current().get(attr).items()}
    attrs.update((k, str(v)) for k, v in kwargs.items())
    attrs = _attribute.with_hidden_keys(attrs)
    for key, value in (('__shape__', None if shape is None else attr_to_string(tuple(shape))),
                       ('__dtype__', dtype), ('__lr_mult__', lr_mult), ('__wd_mult__', wd_mult),
                       ('__init__', None if init is None else
                        init.dumps() if hasattr(init, 'dumps') else init)):
        if value is not None:
            attrs[key] = str(value)
    return Symbol([GraphNode(None, name, attrs, [])])


Variable = var


def Group(symbols):
    """One symbol whose outputs are the outputs of all `symbols`, in order."""
    group = Symbol([node for s in symbols for node in s.output_nodes])
    check_unique_layer_names(group.topological_nodes(), 'Group')
    return group


def check_unique_layer_names(nodes, where):
    """Two different layers (op nodes) may not share a name: their parameters would get one name,
    and one of them would silently train the other's weights. Raise naming both."""
    seen = {}
    for node in nodes:
        if node.op is None:
            continue
        other = seen.setdefault(node.name, node)
        if other is not node:
            raise ValueError("%s: two layers are named %r (%s and %s); give each layer its own "
                             "name" % (where, node.name, other.op, node.op))


# ----- the op functions, from the op table (ops/registry.py) -----

FACE = 'mx.sym'


def _create(r, inputs, name, attrs, var_attrs=None, hint=None):
    """Apply row `r`'s op to `inputs` (symbols by argument name) under `name`, making the
    variables it needs but was not given (`<name>_weight`, ...; with the node attributes
    var_attrs, such as an AttrScope's ctx_group, as MXNet gives them)."""
    name = _auto_name(hint or r.name.lower(), name)
    try:
        op = registry.make_op(r, name, attrs)
    except TypeError as err:
        raise TypeError('%s.%s: %s' % (FACE, r.name, err)) from None
    if getattr(op, 'num_outputs', 1) != 1:
        raise NotImplementedError('%s: a symbol node has one output in tinynet; with these '
                                  'arguments it would have %d (state_outputs=True). Use mx.nd, '
                                  'which returns them all' % (op, op.num_outputs))
    children = []
    for arg in op.list_arguments():
        given = inputs.pop(arg, None)
        aux = {'__aux__': 'True'} if arg in op.aux_arguments else {}
        if given is None:
            children.append(GraphNode(None, '%s_%s' % (name, arg), dict(var_attrs or {}), []))
        else:
            children.append(_one_node(op, arg, given))
        if children[-1].is_variable:
            children[-1].attrs.update(aux)         # a variable fed to an aux input is one
            if arg in op.input_inits:              # and gets the op's initializer, if none
                children[-1].attrs.setdefault('__init__', op.input_inits[arg])
    extra = [arg for arg, value in inputs.items() if value is not None]
    if extra:
        raise ValueError('%s: input(s) %s given, but this layer takes only %s'
                         % (op, ', '.join(extra), ', '.join(op.list_arguments())))
    for written in getattr(op, 'json_always', ()):   # MXNet requires them even when None
        attrs = dict(attrs, **{written: str(getattr(op, written))})
    return _made(op, name, attrs, children)


def _one_node(op, arg, given):
    if not isinstance(given, Symbol):
        raise TypeError("%s: argument %r must be a Symbol, got %s" % (op, arg, type(given).__name__))
    if len(given.output_nodes) != 1:
        raise ValueError('%s: argument %r must be a symbol with one output, got %d'
                         % (op, arg, len(given.output_nodes)))
    return given.output_nodes[0]


def _made(op, name, attrs, children):
    node_attrs = {k: attr_to_string(v) for k, v in attrs.items() if v is not None}
    made = Symbol([GraphNode(op, name, node_attrs, children)])
    check_unique_layer_names(made.topological_nodes(), str(op))
    return made


def _arithmetic(function, lhs, rhs, name=None, row=None):
    """lhs (function) rhs, where at least one is a Symbol and the other a Symbol or a number (a
    number becomes the attribute of MXNet's _plus_scalar and the rest)."""
    if isinstance(lhs, Symbol) and isinstance(rhs, Symbol):
        hint = _OPERATOR_HINTS.get(function) if row is None or row.name in _OPERATOR_HINTS \
            else row.name.lower()            # mx.sym.broadcast_add(a, b) is broadcast_add0
        return _create(registry.binary_row(function), {'lhs': lhs, 'rhs': rhs}, name, {},
                       hint=hint)
    symbol, number, reflected = (lhs, rhs, False) if isinstance(lhs, Symbol) else (rhs, lhs, True)
    if not isinstance(symbol, Symbol) or not isinstance(number, numbers.Real) or \
            isinstance(number, bool):
        raise TypeError('%s: cannot %s a %s and a %s; use a Symbol and a Symbol or a number'
                        % (FACE, function, type(lhs).__name__, type(rhs).__name__))
    r = registry.scalar_row(function, reflected)
    return _create(r, {'data': symbol}, name, {'scalar': float(number)},
                   hint=_SCALAR_HINTS.get(r.name))


# the names MXNet 1.9.1 gives the results of arithmetic that was not named (a + b is _plus0,
# a + 2 _plusscalar0): its older op spellings, lower case
_OPERATOR_HINTS = {'add': '_plus', 'subtract': '_minus', 'multiply': '_mul', 'divide': '_div',
                   'power': '_power', 'maximum': '_maximum', 'minimum': '_minimum',
                   'equal': '_equal', 'not_equal': '_not_equal', 'greater': '_greater',
                   'greater_equal': '_greater_equal', 'lesser': '_lesser',
                   'lesser_equal': '_lesser_equal'}
_SCALAR_HINTS = {'_%s_scalar' % f: '_%sscalar' % f
                 for f in ('plus', 'minus', 'rminus', 'mul', 'div', 'rdiv', 'power', 'maximum',
                           'minimum')}


def _custom(r, name, attrs, data):
    """mx.sym.Custom: the inputs the user's CustomOpProp lists, those not given made as
    variables <name>_<argument> (as MXNet makes a layer's parameters)."""
    named = {k: v for k, v in attrs.items() if isinstance(v, Symbol)}   # Custom(data=fc3, ...)
    op = registry.make_op(r, name, {k: v for k, v in attrs.items() if k not in named})
    if len(op.outputs) != 1:
        raise NotImplementedError('%s: a symbol node has one output in tinynet; this op lists %d '
                                  '(%s). Use it through mx.nd.Custom, which returns them all'
                                  % (op, len(op.outputs), ', '.join(op.outputs)))
    given = dict(op.order_inputs(data, named))
    children = [_one_node(op, arg, given[arg]) if arg in given else
                var('%s_%s' % (name, arg), **({'__aux__': 'True'} if arg in op.aux_arguments
                                              else {})).output_nodes[0]
                for arg in op.arguments]
    return _made(op, name, op.attr_values(), children)


def make_function(r):
    """mx.sym.<name> for row `r` of the op table."""
    function_name = registry.function_of(r)

    def function(*args, name=None, attr=None, **kwargs):
        # node attributes: the AttrScopes', attr=, and keywords named __like_this__ (MXNet's);
        # a scope's other keys (but the hidden ones) are the op's own arguments, as in MXNet
        node_attrs = _attribute.current().get(None)
        scoped = [k for k in node_attrs if not k.startswith('__')
                  and k not in _attribute.HIDDEN_KEYS]
        kwargs = dict({k: node_attrs.pop(k) for k in scoped}, **kwargs)
        node_attrs.update(attr or {})
        node_attrs.update({k: kwargs.pop(k) for k in list(kwargs)
                           if (k.startswith('__') and k.endswith('__'))
                           or k in _attribute.HIDDEN_KEYS})      # lr_mult=0: its variables
        node_attrs = {k: str(v) for k, v in _attribute.with_hidden_keys(node_attrs).items()}
        made = _function(r, function_name, args, kwargs, name, node_attrs)
        if node_attrs and function_name is None:
            made.output_nodes[0].attrs.update(node_attrs)
        return made

    function.__name__ = r.name
    function.__qualname__ = r.name
    function.__doc__ = registry.docstring(r, FACE)
    function.__signature__ = registry.signature(r, FACE)
    return function


def _function(r, function_name, args, kwargs, name, node_attrs):
    """mx.sym.<name>(*args, **kwargs) of row `r`, before its node attributes are added."""
    inputs, attrs = registry.bind_arguments(r, args, kwargs, FACE, name)
    if function_name is not None:
        return _arithmetic(function_name, inputs.get('lhs'), inputs.get('rhs'), name, r)
    if registry.is_variadic(r):
        data = inputs['*'][0] if len(inputs['*']) == 1 and \
            isinstance(inputs['*'][0], (list, tuple)) else inputs['*']
        name = _auto_name(r.name.lower(), name)
        if getattr(r.cls, 'any_attrs', False):
            return _custom(r, name, attrs, list(data))
        op = registry.make_op(r, name, dict(attrs, num_args=len(data)))
        return _made(op, name, dict(attrs, num_args=len(data)),
                     [_one_node(op, 'data%d' % i, s) for i, s in enumerate(data)])
    return _create(r, inputs, name, attrs, node_attrs)


FUNCTIONS = registry.install(Symbol, make_function, _arithmetic)   # and Symbol's methods, operators
globals().update(FUNCTIONS)


def split(data, num_outputs, axis=1, squeeze_axis=False, name=None):
    """data cut into num_outputs equal parts along axis (squeeze_axis=True drops that axis when
    each part has size 1 there): a Group of one slice_axis symbol per part (tinynet's symbol
    nodes have one output each; MXNet's SliceChannel is one node with num_outputs)."""
    name = _auto_name('split', name)
    parts = []
    for i in range(num_outputs):
        part = _split_part(data, num_outputs, axis, i, name)
        parts.append(FUNCTIONS['squeeze'](part, axis=axis, name='%s_output%d' % (name, i))
                     if squeeze_axis else part)
    return Group(parts) if num_outputs > 1 else parts[0]


_SPLIT_PART = make_function(registry.READ['_split_part'])


def _split_part(data, num_outputs, axis, i, name):
    """Part i of num_outputs along axis (its size is decided by the shapes when bound)."""
    return _SPLIT_PART(data, parts=num_outputs, axis=axis, index=i, name='%s_part%d' % (name, i))


SliceChannel = split


# ----- loading -----

def load_json(json_str):
    """A symbol from MXNet-format JSON text (as written by `tojson`)."""
    try:
        graph = json.loads(json_str)
        json_nodes, heads = graph['nodes'], graph['heads']
    except RecursionError:
        raise ValueError('load_json: not a symbol JSON document (it nests arrays or objects too '
                         'deeply to read; a symbol nests four levels)') from None
    except (ValueError, TypeError, KeyError) as err:
        raise ValueError('load_json: not a symbol JSON document (%s)' % err) from None
    if not isinstance(json_nodes, list) or not isinstance(heads, list) or not heads:
        raise ValueError("load_json: 'nodes' must be a list and 'heads' a non-empty list")
    nodes, names = [], set()
    for i, entry in enumerate(json_nodes):
        if not isinstance(entry, dict):
            raise ValueError('load_json: node %d is %r, not an object' % (i, entry))
        op_name, name = entry.get('op'), entry.get('name')
        if not isinstance(op_name, str) or not isinstance(name, str) or not name:
            raise ValueError("load_json: node %d needs a string 'op' and a non-empty string "
                             "'name', got op=%r name=%r" % (i, op_name, name))
        attrs = entry.get('attrs') or entry.get('attr') or entry.get('param') or {}
        if not isinstance(attrs, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                  for k, v in attrs.items()):
            raise ValueError('load_json: node %d (%r) has attributes %r; they must be an object of '
                             'strings, as MXNet writes them' % (i, name, attrs))
        attrs = dict(attrs)
        if not isinstance(entry.get('inputs', []), list):
            raise ValueError("load_json: node %d (%r) has 'inputs' %r, not a list"
                             % (i, name, entry.get('inputs')))
        if op_name != 'null' and name in names:
            raise ValueError('load_json: two layers are named %r' % name)
        names.add(name)
        inputs = [_entry_node(nodes, item, i, 'node %d (%r) has input' % (i, name))
                  for item in entry.get('inputs', [])]
        if op_name == 'null':
            _parse_shape(attrs.get('__shape__'), 'load_json: node %d (%r): its __shape__' % (i, name))
            nodes.append(GraphNode(None, name, attrs, []))
            continue
        found = registry.from_json(op_name)
        if found is None:
            raise ValueError('load_json: node %r uses op %r, which tinynet does not have (it has %s)'
                             % (name, op_name, ', '.join(sorted(registry.READ))))
        op_cls, implied = found
        op_attrs = {k: v for k, v in attrs.items()
                    if not k.startswith('__') and k not in _attribute.HIDDEN_KEYS}
        known = [a.name for a in op_cls.attrs if a.name not in implied]
        unknown = [] if getattr(op_cls, 'any_attrs', False) else sorted(set(op_attrs) - set(known))
        if unknown:
            raise ValueError('load_json: node %r (%s) has attribute(s) %s, which %s does not take '
                             '(it takes %s)' % (name, op_name, ', '.join(unknown), op_name,
                                                ', '.join(sorted(known)) or 'none'))
        op = op_cls(name, **op_attrs, **implied)
        if len(inputs) != len(op.list_arguments()):
            raise ValueError('load_json: node %r (%s) has %d inputs, expected %d (%s)' % (
                name, op_name, len(inputs), len(op.list_arguments()), op.list_arguments()))
        for arg, child in zip(op.list_arguments(), inputs):
            if arg in op.aux_arguments and child.is_variable:
                child.attrs['__aux__'] = 'True'
        nodes.append(GraphNode(op, name, attrs, inputs))
    outputs = [_entry_node(nodes, head, len(nodes), 'head') for head in heads]
    symbol = Symbol(outputs)
    check_unique_layer_names(symbol.topological_nodes(), 'load_json')
    return symbol


def _entry_node(nodes, entry, before, what):
    """The node a JSON entry [node index, output index, version] names, among the first `before`
    nodes. Every tinynet op has one output, so the output index must be 0."""
    def is_int(v):
        return isinstance(v, int) and not isinstance(v, bool)
    if (not isinstance(entry, list) or not 1 <= len(entry) <= 3 or not all(map(is_int, entry))
            or not 0 <= entry[0] < before):
        raise ValueError('load_json: %s %r, which is not the index of a node before it (0 to %d), '
                         'then an output index and a version, as [3, 0, 0]' % (what, entry, before - 1))
    node = nodes[entry[0]]
    if len(entry) > 1 and entry[1] != 0:
        raise ValueError('load_json: %s %r: output %d of node %d (%r), which has one output'
                         % (what, entry, entry[1], entry[0], node.name))
    return node


def load(fname):
    """The symbol saved in `fname` (symbol JSON, tinynet's or MXNet's)."""
    with open(fname, 'rb') as f:
        data = f.read()
    try:
        text = data.decode('utf-8')
    except UnicodeDecodeError as err:
        raise ValueError('load: %s is not a symbol JSON file: it is not UTF-8 text (byte %d)'
                         % (fname, err.start)) from None
    try:
        return load_json(text)
    except ValueError as err:       # the same error, with the file's name
        raise type(err)('%s (in %s)' % (err, fname)) from None
