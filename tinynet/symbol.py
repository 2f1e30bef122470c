"""Symbols: networks described as graphs before any array exists, as in MXNet 1.x.

    data = mx.sym.var('data')
    fc1  = mx.sym.FullyConnected(data=data, num_hidden=128, name='fc1')   # adds fc1_weight, fc1_bias
    net  = mx.sym.SoftmaxOutput(data=fc1, name='softmax')                 # adds softmax_label

A graph is made of `_Node`s: a variable (op None) or an op applied to input nodes. A `Symbol` is a
handle on one or more output nodes. `infer_shape` walks the graph once, asking each op for the
shapes of its parameters and output; `simple_bind`/`bind` give it arrays (see executor.py).
"""
import collections
import inspect
import json

from . import ops as _ops
from .autograd import depth_first_order
from .ops.base import attr_to_string

_name_counters = collections.Counter()   # per op type, for the whole process, as MXNet's


def _auto_name(hint):
    """fullyconnected0, fullyconnected1, ... (MXNet's NameManager)."""
    name = '%s%d' % (hint, _name_counters[hint])
    _name_counters[hint] += 1
    return name


class _Node:
    __slots__ = ('op', 'name', 'attrs', 'inputs')

    def __init__(self, op, name, attrs, inputs):
        self.op = op          # an Op instance, or None for a variable
        self.name = name
        self.attrs = attrs    # as strings, exactly as they go into JSON
        self.inputs = inputs  # list of _Node

    @property
    def is_variable(self):
        return self.op is None


def _topological_nodes(heads):
    """Every node behind `heads`, inputs before the ops that use them, inputs visited in order
    (MXNet's depth-first order, which `list_arguments` follows)."""
    return depth_first_order(heads, lambda node: node.inputs)


class Symbol:
    """A handle on the output(s) of a graph."""

    def __init__(self, heads):
        self._heads = list(heads)

    # ----- what is in the graph -----
    @property
    def name(self):
        return self._heads[0].name if len(self._heads) == 1 else None

    def _nodes(self):
        return _topological_nodes(self._heads)

    def list_arguments(self):
        return [n.name for n in self._nodes() if n.is_variable and not _is_aux(n)]

    def list_auxiliary_states(self):
        return [n.name for n in self._nodes() if n.is_variable and _is_aux(n)]

    def list_inputs(self):
        return [n.name for n in self._nodes() if n.is_variable]

    def list_outputs(self):
        return [n.name if n.is_variable else n.name + '_output' for n in self._heads]

    def get_internals(self):
        """A symbol whose outputs are every node of the graph (variables and op outputs)."""
        return Symbol(self._nodes())

    def get_children(self):
        children = [child for node in self._heads for child in node.inputs]
        return Symbol(children) if children else None

    def __getitem__(self, index):
        if isinstance(index, str):
            names = self.list_outputs()
            if index not in names:
                raise ValueError('no output named %r; outputs are %s' % (index, names))
            index = names.index(index)
        return Symbol([self._heads[index]])

    def __len__(self):
        return len(self._heads)

    def __iter__(self):
        return (Symbol([node]) for node in self._heads)

    def __repr__(self):
        if len(self._heads) == 1:
            return '<Symbol %s>' % self._heads[0].name
        return '<Symbol group [%s]>' % ', '.join(n.name for n in self._heads)

    def attr(self, key):
        return self._heads[0].attrs.get(key) if len(self._heads) == 1 else None

    def list_attr(self):
        return dict(self._heads[0].attrs) if len(self._heads) == 1 else {}

    def attr_dict(self):
        return {n.name: dict(n.attrs) for n in self._nodes() if n.attrs}

    # ----- shapes -----
    def infer_shape(self, *args, **kwargs):
        """Shapes from the known input shapes: `(arg_shapes, out_shapes, aux_shapes)`, each list in
        `list_arguments()` / `list_outputs()` / `list_auxiliary_states()` order; all three are None
        when the given shapes do not determine every argument (as MXNet's)."""
        shapes = self._infer_shapes(*args, **kwargs)
        arg_shapes = [shapes.get(name) for name in self.list_arguments()]
        out_shapes = [shapes.get(id(node)) for node in self._heads]
        if any(s is None for s in arg_shapes) or any(s is None for s in out_shapes):
            return None, None, None
        return arg_shapes, out_shapes, [shapes[name] for name in self.list_auxiliary_states()]

    def infer_shape_partial(self, *args, **kwargs):
        shapes = self._infer_shapes(*args, **kwargs)
        return ([shapes.get(name) or () for name in self.list_arguments()],
                [shapes.get(id(node)) or () for node in self._heads],
                [shapes.get(name) or () for name in self.list_auxiliary_states()])

    def _infer_shapes(self, *args, **kwargs):
        """Map from variable name (and id(op node)) to shape, checking every op on the way."""
        arg_names = self.list_arguments()
        if len(args) > len(arg_names):
            raise ValueError('infer_shape: %d positional shapes for %d arguments %s'
                             % (len(args), len(arg_names), arg_names))
        known = {name: shape for name, shape in zip(arg_names, args) if shape is not None}
        for name, shape in kwargs.items():
            if name not in self.list_inputs():
                raise ValueError('infer_shape: %r is not an argument of this symbol; its arguments '
                                 'are %s' % (name, arg_names))
            known[name] = shape
        shapes = {}
        for node in self._nodes():
            if node.is_variable:
                shape = known.get(node.name) or _parse_shape(node.attrs.get('__shape__'))
                if shape is not None:
                    shapes[node.name] = tuple(int(s) for s in shape)
                continue
            in_shapes = [shapes.get(_key(child)) for child in node.inputs]
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
        nodes = self._nodes()
        index = {id(node): i for i, node in enumerate(nodes)}
        json_nodes = []
        for node in nodes:
            entry = {'op': 'null' if node.is_variable else type(node.op).__name__,
                     'name': node.name}
            if node.attrs:
                entry['attrs'] = dict(node.attrs)
            entry['inputs'] = [[index[id(child)], 0, 0] for child in node.inputs]
            json_nodes.append(entry)
        graph = {'nodes': json_nodes,
                 'arg_nodes': [i for i, node in enumerate(nodes) if node.is_variable],
                 'node_row_ptr': list(range(len(nodes) + 1)),
                 'heads': [[index[id(node)], 0, 0] for node in self._heads],
                 'attrs': {'mxnet_version': ['int', 10901]}}
        return json.dumps(graph, indent=2)

    def save(self, fname):
        from .model import atomic_write
        with atomic_write(fname, 'w') as f:
            f.write(self.tojson())

    # ----- arrays -----
    def simple_bind(self, ctx=None, grad_req='write', type_dict=None, **shapes):
        from .executor import simple_bind
        return simple_bind(self, ctx, grad_req, type_dict, shapes)

    def bind(self, ctx=None, args=None, args_grad=None, grad_req='write', aux_states=None):
        from .executor import Executor
        return Executor(self, ctx, args, args_grad, grad_req, aux_states)


def _key(node):
    return node.name if node.is_variable else id(node)


def is_label(name):
    """MXNet's convention: an argument named `*_label` (softmax_label) is a label, an input that
    comes with each batch and follows its size, never a learned parameter."""
    return name.endswith('_label')


def _is_aux(node):
    return node.attrs.get('__aux__') == 'True'


def _parse_shape(text):
    if not text:
        return None
    return tuple(int(v) for v in text.strip('()[] ').split(',') if v.strip())


# ----- making symbols -----

def var(name, attr=None, shape=None, dtype=None, **kwargs):
    """A named input of the graph: data, a label, or a parameter."""
    if kwargs:
        unknown = ', '.join(sorted(kwargs))
        raise TypeError('var %r: unsupported argument(s) %s (supported: attr, shape, dtype)'
                        % (name, unknown))
    if not isinstance(name, str) or not name:
        raise ValueError('var: name must be a non-empty string, got %r' % (name,))
    attrs = {k: str(v) for k, v in (attr or {}).items()}
    if shape is not None:
        attrs['__shape__'] = attr_to_string(tuple(shape))
    if dtype is not None:
        attrs['__dtype__'] = str(dtype)
    return Symbol([_Node(None, name, attrs, [])])


Variable = var


def Group(symbols):
    """One symbol whose outputs are the outputs of all `symbols`, in order."""
    return Symbol([node for s in symbols for node in s._heads])


def _create(op_cls, hint, args, inputs, name, attrs):
    """Apply op `op_cls` to `inputs` (symbols by argument name) under `name`, making the variables
    it needs but was not given (`<name>_weight`, ...)."""
    if args:
        positional = op_cls.arguments[:len(args)]
        for arg, value in zip(positional, args):
            if inputs.get(arg) is not None:
                raise TypeError('%s: argument %r given twice' % (op_cls.__name__, arg))
            inputs[arg] = value
    name = name or _auto_name(hint)
    known = set(inspect.signature(op_cls.__init__).parameters) - {'self', 'name'}
    unknown = sorted(set(attrs) - known)
    if unknown:
        raise ValueError("%s '%s': unknown argument(s) %s; it takes %s and inputs %s" % (
            op_cls.__name__, name, ', '.join(unknown), ', '.join(sorted(known)),
            ', '.join(op_cls.arguments)))
    attrs = {k: v for k, v in attrs.items() if v is not None}
    op = op_cls(name, **attrs)
    children = []
    for arg in op.list_arguments():
        given = inputs.pop(arg, None)
        if given is None:
            children.append(_Node(None, '%s_%s' % (name, arg), {}, []))
            continue
        if not isinstance(given, Symbol):
            raise TypeError("%s: argument %r must be a Symbol, got %s" % (op, arg, type(given).__name__))
        if len(given._heads) != 1:
            raise ValueError('%s: argument %r must be a symbol with one output, got %d'
                             % (op, arg, len(given._heads)))
        children.append(given._heads[0])
    extra = [arg for arg, value in inputs.items() if value is not None]
    if extra:
        raise ValueError('%s: input(s) %s given, but this layer takes only %s'
                         % (op, ', '.join(extra), ', '.join(op.list_arguments())))
    return Symbol([_Node(op, name, {k: attr_to_string(v) for k, v in attrs.items()}, children)])


def FullyConnected(*args, data=None, weight=None, bias=None, name=None, **attrs):
    """y = x W^T + b. Attributes: num_hidden, no_bias=False, flatten=True."""
    return _create(_ops.FullyConnected, 'fullyconnected', args,
                   {'data': data, 'weight': weight, 'bias': bias}, name, attrs)


def Convolution(*args, data=None, weight=None, bias=None, name=None, **attrs):
    """2-D convolution, NCHW. Attributes: kernel, num_filter, stride=(1,1), pad=(0,0), dilate=(1,1),
    no_bias=False."""
    return _create(_ops.Convolution, 'convolution', args,
                   {'data': data, 'weight': weight, 'bias': bias}, name, attrs)


def Pooling(*args, data=None, name=None, **attrs):
    """2-D pooling. Attributes: kernel, pool_type='max'|'avg'|'sum', stride=(1,1), pad=(0,0),
    global_pool=False, pooling_convention='valid'|'full', count_include_pad=True."""
    return _create(_ops.Pooling, 'pooling', args, {'data': data}, name, attrs)


def Activation(*args, data=None, name=None, **attrs):
    """Elementwise activation. Attribute: act_type='relu'|'sigmoid'|'tanh'|'softrelu'|'softsign'."""
    return _create(_ops.Activation, 'activation', args, {'data': data}, name, attrs)


def Flatten(*args, data=None, name=None, **attrs):
    """(N, d1, d2, ...) -> (N, d1*d2*...)."""
    return _create(_ops.Flatten, 'flatten', args, {'data': data}, name, attrs)


flatten = Flatten


def SoftmaxOutput(*args, data=None, label=None, name=None, **attrs):
    """Softmax forward; backward (softmax - onehot(label)) * grad_scale. Attributes: grad_scale=1,
    normalization='null'|'batch'|'valid', ignore_label=-1, use_ignore=False, multi_output=False,
    preserve_shape=False, out_grad=False."""
    return _create(_ops.SoftmaxOutput, 'softmaxoutput', args, {'data': data, 'label': label}, name,
                   attrs)


# ----- loading -----

def load_json(json_str):
    """A symbol from MXNet-format JSON text (as written by `tojson`)."""
    try:
        graph = json.loads(json_str)
        json_nodes, heads = graph['nodes'], graph['heads']
    except (ValueError, TypeError, KeyError) as err:
        raise ValueError('load_json: not a symbol JSON document (%s)' % err) from None
    nodes = []
    for i, entry in enumerate(json_nodes):
        op_name, name = entry.get('op'), entry.get('name')
        attrs = dict(entry.get('attrs') or entry.get('attr') or entry.get('param') or {})
        try:
            inputs = [nodes[item[0]] for item in entry.get('inputs', [])]
        except (IndexError, TypeError):
            raise ValueError('load_json: node %d (%r) refers to a node that does not come before '
                             'it' % (i, name)) from None
        if op_name == 'null':
            nodes.append(_Node(None, name, attrs, []))
            continue
        if op_name not in _ops.OPS:
            raise ValueError('load_json: node %r uses op %r, which tinynet does not have (it has %s)'
                             % (name, op_name, ', '.join(sorted(_ops.OPS))))
        op_attrs = {k: v for k, v in attrs.items() if not k.startswith('__')}
        op = _ops.OPS[op_name](name, **op_attrs)
        if len(inputs) != len(op.list_arguments()):
            raise ValueError('load_json: node %r (%s) has %d inputs, expected %d (%s)' % (
                name, op_name, len(inputs), len(op.list_arguments()), op.list_arguments()))
        nodes.append(_Node(op, name, attrs, inputs))
    try:
        return Symbol([nodes[head[0]] for head in heads])
    except (IndexError, TypeError):
        raise ValueError('load_json: a head refers to a node that does not exist') from None


def load(fname):
    with open(fname) as f:
        return load_json(f.read())
