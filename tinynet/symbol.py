"""Symbols: networks described as graphs before any array exists, as in MXNet 1.x.

    data = mx.sym.var('data')
    fc1  = mx.sym.FullyConnected(data=data, num_hidden=128, name='fc1')   # adds fc1_weight, fc1_bias
    net  = mx.sym.SoftmaxOutput(data=fc1, name='softmax')                 # adds softmax_label

A graph is made of `GraphNode`s: a variable (op None) or an op applied to input nodes. A `Symbol` is
a handle on one or more output nodes (`output_nodes`). `infer_shape` walks the graph once, asking each op for the
shapes of its parameters and output; `simple_bind`/`bind` give it arrays (see executor.py).
"""
import collections
import inspect
import json
import numbers

from . import ops as _ops
from .ops import names as _names
from .engine import depth_first_order
from .fileio import atomic_write
from .ops.base import attr_to_string

_name_counters = collections.Counter()   # per op type, for the whole process, as MXNet's


def _auto_name(hint):
    """fullyconnected0, fullyconnected1, ... (MXNet's NameManager)."""
    name = '%s%d' % (hint, _name_counters[hint])
    _name_counters[hint] += 1
    return name


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

    # ----- arithmetic and the array ops, as methods (the same functions as mx.sym.*) -----
    def __add__(self, other):
        return _arithmetic(self, other, 'add')

    def __radd__(self, other):
        return _arithmetic(other, self, 'add')

    def __sub__(self, other):
        return _arithmetic(self, other, 'subtract')

    def __rsub__(self, other):
        return _arithmetic(other, self, 'subtract')

    def __mul__(self, other):
        return _arithmetic(self, other, 'multiply')

    def __rmul__(self, other):
        return _arithmetic(other, self, 'multiply')

    def __truediv__(self, other):
        return _arithmetic(self, other, 'divide')

    def __rtruediv__(self, other):
        return _arithmetic(other, self, 'divide')

    def __pow__(self, other):
        return _arithmetic(self, other, 'power')

    def __rpow__(self, other):
        return _arithmetic(other, self, 'power')

    def __neg__(self):
        return negative(self)

    def reshape(self, *shape, **kwargs):
        if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
            shape = shape[0]
        return reshape(self, kwargs.pop('shape', shape), **kwargs)

    def flatten(self, name=None):
        return Flatten(self, name=name)

    def sum(self, axis=None, keepdims=False, exclude=False):
        return sum(self, axis, keepdims, exclude)

    def mean(self, axis=None, keepdims=False, exclude=False):
        return mean(self, axis, keepdims, exclude)

    def max(self, axis=None, keepdims=False, exclude=False):
        return max(self, axis, keepdims, exclude)

    def min(self, axis=None, keepdims=False, exclude=False):
        return min(self, axis, keepdims, exclude)

    def exp(self):
        return exp(self)

    def log(self):
        return log(self)

    def sqrt(self):
        return sqrt(self)

    def square(self):
        return square(self)

    def abs(self):
        return abs(self)

    def tanh(self):
        return tanh(self)

    def sigmoid(self):
        return sigmoid(self)

    def relu(self):
        return relu(self)

    def softmax(self, axis=-1):
        return softmax(self, axis=axis)

    def log_softmax(self, axis=-1):
        return log_softmax(self, axis)

    def pick(self, index, axis=-1, keepdims=False):
        return pick(self, index, axis, keepdims)

    # ----- what is in the graph -----
    @property
    def name(self):
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
        return self._variable_names(lambda n: not _is_aux(n))

    def list_auxiliary_states(self):
        return self._variable_names(_is_aux)

    def list_inputs(self):
        return self._variable_names(lambda n: True)

    def list_outputs(self):
        return [n.name if n.is_variable else n.name + '_output' for n in self.output_nodes]

    def get_internals(self):
        """A symbol whose outputs are every node of the graph (variables and op outputs)."""
        return Symbol(self.topological_nodes())

    def get_children(self):
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
        return self.output_nodes[0].attrs.get(key) if len(self.output_nodes) == 1 else None

    def list_attr(self):
        return dict(self.output_nodes[0].attrs) if len(self.output_nodes) == 1 else {}

    def attr_dict(self):
        return {n.name: dict(n.attrs) for n in self.topological_nodes() if n.attrs}

    # ----- shapes -----
    def infer_shape(self, *args, **kwargs):
        """Shapes from the known input shapes: `(arg_shapes, out_shapes, aux_shapes)`, each list in
        `list_arguments()` / `list_outputs()` / `list_auxiliary_states()` order; all three are None
        when the given shapes do not determine every argument (as MXNet's)."""
        shapes = self.node_shapes(*args, **kwargs)
        arg_shapes = [shapes.get(name) for name in self.list_arguments()]
        out_shapes = [shapes.get(id(node)) for node in self.output_nodes]
        if any(s is None for s in arg_shapes) or any(s is None for s in out_shapes):
            return None, None, None
        return arg_shapes, out_shapes, [shapes[name] for name in self.list_auxiliary_states()]

    def infer_shape_partial(self, *args, **kwargs):
        shapes = self.node_shapes(*args, **kwargs)
        return ([shapes.get(name) or () for name in self.list_arguments()],
                [shapes.get(id(node)) or () for node in self.output_nodes],
                [shapes.get(name) or () for name in self.list_auxiliary_states()])

    def node_shapes(self, *args, **kwargs):
        """{node_key(node): output shape} of every node whose shape the given input shapes
        determine, checking every op on the way (what infer_shape and viz read)."""
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
                _names.json_form(node.op, node.attrs)
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
    # The one import cycle of tinynet, as in MXNet's API: a Symbol binds into an Executor, which
    # sits above symbols (it runs them). The import is made when bind is called, never at load.
    def simple_bind(self, ctx=None, grad_req='write', type_dict=None, **shapes):
        from .executor import simple_bind
        return simple_bind(self, ctx, grad_req, type_dict, shapes)

    def bind(self, ctx=None, args=None, args_grad=None, grad_req='write', aux_states=None):
        from .executor import Executor
        return Executor(self, ctx, args, args_grad, grad_req, aux_states)


def is_label(name):
    """MXNet's convention: an argument named `*_label` (softmax_label) is a label, an input that
    comes with each batch and follows its size, never a learned parameter."""
    return name.endswith('_label')


def _is_aux(node):
    return node.attrs.get('__aux__') == 'True'


def _parse_shape(text):
    """A variable's __shape__ attribute, or None where it says nothing: MXNet writes a 0 for an
    axis it did not know yet (a Gluon parameter exported before its shape was inferred)."""
    if not text:
        return None
    shape = tuple(int(v) for v in text.strip('()[] ').split(',') if v.strip())
    return None if not shape or 0 in shape else shape


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
        raise TypeError("%s '%s': unknown argument(s) %s; it takes %s and inputs %s" % (
            op_cls.__name__, name, ', '.join(unknown), ', '.join(sorted(known)),
            ', '.join(op_cls.arguments)))
    attrs = {k: v for k, v in attrs.items() if v is not None}
    op = op_cls(name, **attrs)
    children = []
    for arg in op.list_arguments():
        given = inputs.pop(arg, None)
        aux = {'__aux__': 'True'} if arg in op.aux_arguments else {}
        if given is None:
            children.append(GraphNode(None, '%s_%s' % (name, arg), aux, []))
            continue
        if not isinstance(given, Symbol):
            raise TypeError("%s: argument %r must be a Symbol, got %s" % (op, arg, type(given).__name__))
        if len(given.output_nodes) != 1:
            raise ValueError('%s: argument %r must be a symbol with one output, got %d'
                             % (op, arg, len(given.output_nodes)))
        if aux and given.output_nodes[0].is_variable:
            given.output_nodes[0].attrs.update(aux)     # a variable fed to an aux input is one
        children.append(given.output_nodes[0])
    extra = [arg for arg, value in inputs.items() if value is not None]
    if extra:
        raise ValueError('%s: input(s) %s given, but this layer takes only %s'
                         % (op, ', '.join(extra), ', '.join(op.list_arguments())))
    made = Symbol([GraphNode(op, name, {k: attr_to_string(v) for k, v in attrs.items()}, children)])
    check_unique_layer_names(made.topological_nodes(), str(op))
    return made


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


def Dropout(*args, data=None, name=None, **attrs):
    """Dropout in training, the identity in prediction. Attributes: p=0.5, mode='training'|'always',
    axes=()."""
    return _create(_ops.Dropout, 'dropout', args, {'data': data}, name, attrs)


def BatchNorm(*args, data=None, gamma=None, beta=None, moving_mean=None, moving_var=None, name=None,
              **attrs):
    """Batch normalisation; moving_mean and moving_var are auxiliary states. Attributes: eps=1e-3,
    momentum=0.9, fix_gamma=True, use_global_stats=False, axis=1."""
    return _create(_ops.BatchNorm, 'batchnorm', args,
                   {'data': data, 'gamma': gamma, 'beta': beta, 'moving_mean': moving_mean,
                    'moving_var': moving_var}, name, attrs)


def softmax(*args, data=None, name=None, **attrs):
    """softmax along `axis` (default -1), the function (no loss, no label): what an imported
    network's Softmax becomes. Attributes: axis=-1."""
    attrs.pop('temperature', None)
    return _create(_ops.Softmax, 'softmax', args, {'data': data}, name, attrs)


# ----- the array ops on symbols: what hybrid_forward(F, x) calls when a HybridBlock is traced -----
# The same Op classes mx.nd runs; a number operand becomes a ScalarArithmetic attribute.

def _apply(op_cls, hint, inputs, name=None, **attrs):
    return _create(op_cls, hint, list(inputs), {}, name, attrs)


def _arithmetic(lhs, rhs, function, name=None):
    """lhs (function) rhs, where at least one is a Symbol and the other a Symbol or a number."""
    if isinstance(lhs, Symbol) and isinstance(rhs, Symbol):
        return _apply(_ops.ScalarArithmetic.FUNCTIONS[function], function, [lhs, rhs], name)
    symbol, number, reverse = (lhs, rhs, False) if isinstance(lhs, Symbol) else (rhs, lhs, True)
    if not isinstance(number, numbers.Real) or isinstance(number, bool):
        raise TypeError('mx.sym: cannot %s a Symbol and a %s; use a Symbol or a number'
                        % (function, type(number).__name__))
    return _apply(_ops.ScalarArithmetic, '_%s_scalar' % function, [symbol], name,
                  function=function, scalar=float(number), reverse=reverse)


def _unary(function):
    def apply(data, name=None):
        return _apply(_ops.Unary, function, [data], name, function=function)
    apply.__name__ = function
    apply.__doc__ = 'The elementwise %s of a Symbol (ops/unary.py).' % function
    return apply


def _activation(act_type):
    def apply(data, name=None):
        return _apply(_ops.Activation, act_type, [data], name, act_type=act_type)
    apply.__name__ = act_type
    apply.__doc__ = 'Activation(act_type=%r) of a Symbol.' % act_type
    return apply


def _reduction(function):
    def apply(data, axis=None, keepdims=False, exclude=False, name=None):
        return _apply(_ops.Reduce, function, [data], name, function=function, axis=axis,
                      keepdims=keepdims, exclude=exclude)
    apply.__name__ = function
    apply.__doc__ = 'The %s over `axis` (None: all) of a Symbol (ops/reduce.py).' % function
    return apply


# (sum, max, min, abs below are MXNet's names and shadow Python's in this module: use builtins.sum)
negative, abs, exp, log, sqrt, square, sign = (  # noqa: A001 (MXNet's names)
    _unary(f) for f in ('negative', 'abs', 'exp', 'log', 'sqrt', 'square', 'sign'))
tanh, sigmoid, relu, softrelu = (_activation(a) for a in ('tanh', 'sigmoid', 'relu', 'softrelu'))
sum, mean, max, min, prod = (  # noqa: A001
    _reduction(f) for f in ('sum', 'mean', 'max', 'min', 'prod'))


def reshape(data, shape, reverse=False, name=None):
    """`data` with another shape; MXNet's codes (0 copy an axis, -1 infer it, ...) are resolved
    for whatever shape the data has when bound."""
    return _apply(_ops.Reshape, 'reshape', [data], name, shape=tuple(shape), reverse=reverse)


Reshape = reshape


def log_softmax(data, axis=-1, name=None):
    return _apply(_ops.Softmax, 'log_softmax', [data], name, axis=axis, log=True)


def pick(data, index, axis=-1, keepdims=False, mode='clip', name=None):
    return _apply(_ops.Pick, 'pick', [data, index], name, axis=axis, keepdims=keepdims, mode=mode)


def clip(data, a_min, a_max, name=None):
    return _apply(_ops.Clip, 'clip', [data], name, a_min=a_min, a_max=a_max)


def _binary_function(function):
    def apply(lhs, rhs, name=None):
        return _arithmetic(lhs, rhs, function, name)
    apply.__name__ = function
    return apply


maximum, minimum = _binary_function('maximum'), _binary_function('minimum')
power = _binary_function('power')
broadcast_add = elemwise_add = _binary_function('add')
broadcast_sub = elemwise_sub = _binary_function('subtract')
broadcast_mul = elemwise_mul = _binary_function('multiply')
broadcast_div = elemwise_div = _binary_function('divide')
broadcast_power = power
broadcast_maximum, broadcast_minimum = maximum, minimum


# ----- loading -----

def load_json(json_str):
    """A symbol from MXNet-format JSON text (as written by `tojson`)."""
    try:
        graph = json.loads(json_str)
        json_nodes, heads = graph['nodes'], graph['heads']
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
        inputs = []
        for item in entry.get('inputs', []):
            index = item[0] if isinstance(item, (list, tuple)) and item else None
            if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < i:
                raise ValueError('load_json: node %d (%r) has input %r, which is not the index of '
                                 'a node before it (0 to %d)' % (i, name, item, i - 1))
            inputs.append(nodes[index])
        if op_name == 'null':
            nodes.append(GraphNode(None, name, attrs, []))
            continue
        found = _names.from_json(op_name, _ops.OPS)
        if found is None:
            raise ValueError('load_json: node %r uses op %r, which tinynet does not have (it has %s)'
                             % (name, op_name, ', '.join(sorted(set(_ops.OPS) |
                                                                set(_names.READ)))))
        op_cls, implied = found
        op_attrs = {k: v for k, v in attrs.items() if not k.startswith('__')}
        known = set(inspect.signature(op_cls.__init__).parameters) - {'self', 'name'} - \
            set(implied)
        unknown = sorted(set(op_attrs) - known)
        if unknown:
            raise ValueError('load_json: node %r (%s) has attribute(s) %s, which %s does not take '
                             '(it takes %s)' % (name, op_name, ', '.join(unknown), op_name,
                                                ', '.join(sorted(known))))
        op = op_cls(name, **op_attrs, **implied)
        if len(inputs) != len(op.list_arguments()):
            raise ValueError('load_json: node %r (%s) has %d inputs, expected %d (%s)' % (
                name, op_name, len(inputs), len(op.list_arguments()), op.list_arguments()))
        for arg, child in zip(op.list_arguments(), inputs):
            if arg in op.aux_arguments and child.is_variable:
                child.attrs['__aux__'] = 'True'
        nodes.append(GraphNode(op, name, attrs, inputs))
    outputs = []
    for head in heads:
        index = head[0] if isinstance(head, (list, tuple)) and head else None
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(nodes):
            raise ValueError('load_json: head %r is not the index of a node (0 to %d)'
                             % (head, len(nodes) - 1))
        outputs.append(nodes[index])
    symbol = Symbol(outputs)
    check_unique_layer_names(symbol.topological_nodes(), 'load_json')
    return symbol


def load(fname):
    with open(fname) as f:
        return load_json(f.read())
