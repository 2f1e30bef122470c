"""Export a tinynet symbol and its parameters to ONNX (opset 15), as MXNet 1.9's mx.onnx.

    mx.onnx.export_model(sym, params, in_shapes=[(1, 1, 28, 28)], onnx_file_path='lenet.onnx')

Each op becomes the ONNX node(s) of the same math:
    FullyConnected  Flatten (axis 1, when flatten=True) + Gemm(transB=1), or MatMul + Add
    Convolution     Conv        Pooling  MaxPool / AveragePool / GlobalMaxPool / GlobalAveragePool
    Activation      Relu, Sigmoid, Tanh, Softplus, Softsign       Flatten  Flatten (axis 1)
    SoftmaxOutput   Softmax (axis 1; its label input is dropped)   softmax  Softmax
    Dropout         Dropout (the identity at inference)           BatchNorm BatchNormalization
The parameters become initializers; the inputs are the variables that are neither parameters nor
labels. Needs the `onnx` package (pip install -e ".[onnx]" in tinynet's checkout).
"""
import numpy as np

from ..backend import to_numpy
from ..model import load_params
from ..ops import registry
from ..ops.unary import Unary
from ..symbol import Symbol, is_label, load as load_symbol, node_key

OPSET = 15     # 15: BatchNormalization with training_mode (13 is read as training by onnx.reference)


def require_onnx():
    """The onnx module, or one ImportError saying how to install it."""
    try:
        import onnx
    except ImportError:
        raise ImportError('mx.onnx needs the onnx package: pip install -e ".[onnx]" in '
                          "tinynet's checkout (or pip install onnx)") from None
    return onnx


def _as_numpy(value):
    return np.asarray(to_numpy(getattr(value, 'data_array', value)))


def _params(params):
    """{name: NumPy array} from a dict (arg and aux together, names bare or 'arg:'/'aux:') or
    from the path of a .params file."""
    if isinstance(params, str):
        arg, aux = load_params(params)
        arg.update(aux)
        return arg
    if isinstance(params, (list, tuple)):            # (arg_params, aux_params)
        merged = {}
        for part in params:
            merged.update(part or {})
        params = merged
    return {name.partition(':')[2] if name[:4] in ('arg:', 'aux:') else name: _as_numpy(v)
            for name, v in params.items()}


class _Graph:
    """The ONNX nodes and initializers being built, and the name of each tinynet node's output."""

    def __init__(self, onnx, params):
        self.onnx, self.params = onnx, params
        self.nodes, self.initializers, self.used = [], [], set()
        self.output_of = {}

    def constant(self, name, array):
        self.initializers.append(self.onnx.numpy_helper.from_array(np.asarray(array), name))
        return name

    def param(self, name):
        if name not in self.params:
            raise ValueError('export_model: no value for parameter %r in params' % name)
        if name not in self.used:
            self.used.add(name)
            self.constant(name, self.params[name].astype(np.float32))
        return name

    def add(self, op_type, inputs, output, name, **attrs):
        self.nodes.append(self.onnx.helper.make_node(op_type, inputs, [output], name=name, **attrs))
        return output


# tinynet's two-array ops and their ONNX names (both broadcast as NumPy does)
BINARY = {'Add': 'Add', 'Subtract': 'Sub', 'Multiply': 'Mul', 'Divide': 'Div', 'Power': 'Pow',
          'Maximum': 'Max', 'Minimum': 'Min'}
# the one-array functions with an ONNX twin, from the op table's rows (function -> ONNX name)
UNARY = {r.fixed['function']: r.onnx for r in registry.TABLE if r.cls is Unary and r.onnx}
REDUCE = {'sum': 'ReduceSum', 'mean': 'ReduceMean', 'max': 'ReduceMax', 'min': 'ReduceMin',
          'prod': 'ReduceProd'}


def _pads(pad, extra=(0, 0)):
    return [pad[0], pad[1], pad[0] + extra[0], pad[1] + extra[1]]


def _convert(graph, node, inputs):
    """Add the ONNX nodes for tinynet node `node` whose inputs are the ONNX names `inputs`;
    returns the name of its output."""
    op, kind, out = node.op, type(node.op).__name__, node.name + '_output'
    if kind == 'FullyConnected':
        data, weight = inputs[0], graph.param(inputs[1])
        bias = [graph.param(inputs[2])] if not op.no_bias else []
        if op.flatten:
            flat = graph.add('Flatten', [data], node.name + '_flatten', node.name + '_flatten',
                             axis=1)
            return graph.add('Gemm', [flat, weight] + bias, out, node.name, transB=1)
        w_t = graph.constant(node.name + '_weight_T', graph.params[inputs[1]].T.astype(np.float32))
        y = graph.add('MatMul', [data, w_t], out if op.no_bias else node.name + '_matmul',
                      node.name + '_matmul')
        return y if op.no_bias else graph.add('Add', [y] + bias, out, node.name)
    if kind == 'Convolution':
        return graph.add('Conv', [inputs[0], graph.param(inputs[1])] +
                         ([graph.param(inputs[2])] if not op.no_bias else []), out, node.name,
                         kernel_shape=list(op.kernel), strides=list(op.stride),
                         pads=_pads(op.pad), dilations=list(op.dilate), group=1)
    if kind == 'Pooling':
        if op.global_pool:
            return graph.add('GlobalMaxPool' if op.pool_type == 'max' else 'GlobalAveragePool',
                             inputs[:1], out, node.name)
        if op.pool_type == 'sum':
            raise ValueError("export_model: %s: pool_type 'sum' has no ONNX counterpart" % op)
        attrs = dict(kernel_shape=list(op.kernel), strides=list(op.stride), pads=_pads(op.pad),
                     ceil_mode=int(op.pooling_convention == 'full'))
        if op.pool_type == 'avg':
            attrs['count_include_pad'] = int(op.count_include_pad)
        return graph.add('MaxPool' if op.pool_type == 'max' else 'AveragePool', inputs[:1], out,
                         node.name, **attrs)
    if kind == 'Activation':
        onnx_op = {'relu': 'Relu', 'sigmoid': 'Sigmoid', 'tanh': 'Tanh', 'softrelu': 'Softplus',
                   'softsign': 'Softsign'}[op.act_type]
        return graph.add(onnx_op, inputs[:1], out, node.name)
    if kind == 'Flatten':
        return graph.add('Flatten', inputs[:1], out, node.name, axis=1)
    if kind == 'SoftmaxOutput':
        if op.multi_output or op.preserve_shape:
            raise ValueError('export_model: %s: multi_output and preserve_shape are not exported'
                             % op)
        flat = graph.add('Flatten', inputs[:1], node.name + '_flatten', node.name + '_flatten',
                         axis=1)
        return graph.add('Softmax', [flat], out, node.name, axis=1)
    if kind == 'Softmax':
        if op.log:
            return graph.add('LogSoftmax', inputs[:1], out, node.name, axis=op.axis)
        return graph.add('Softmax', inputs[:1], out, node.name, axis=op.axis)
    if kind == 'Dropout':
        return graph.add('Dropout', inputs[:1], out, node.name)
    if kind == 'BatchNorm':
        gamma = graph.params[inputs[1]]
        scale = graph.constant(node.name + '_fixed_gamma', np.ones_like(gamma)) if op.fix_gamma \
            else graph.param(inputs[1])
        if op.axis != 1:
            raise ValueError('export_model: %s: only axis 1 (channels) is exported' % op)
        return graph.add('BatchNormalization', [inputs[0], scale, graph.param(inputs[2]),
                                                graph.param(inputs[3]), graph.param(inputs[4])],
                         out, node.name, epsilon=op.eps)     # momentum: training only
    if kind in BINARY:
        return graph.add(BINARY[kind], inputs[:2], out, node.name)
    if kind == 'ScalarArithmetic':
        scalar = graph.constant(node.name + '_scalar', np.array(op.scalar, np.float32))
        pair = [scalar, inputs[0]] if op.reverse else [inputs[0], scalar]
        return graph.add(BINARY[type(op.binary).__name__], pair, out, node.name)
    if kind == 'Unary':
        if op.function == 'square':
            return graph.add('Mul', [inputs[0], inputs[0]], out, node.name)
        if op.function not in UNARY:
            raise ValueError('export_model: %s (%s) of node %r has no ONNX twin (ONNX has %s)'
                             % (op, op.function, node.name, ', '.join(sorted(UNARY))))
        return graph.add(UNARY[op.function], inputs[:1], out, node.name)
    if kind == 'Clip':
        bounds = [graph.constant(node.name + '_' + end, np.array(v, np.float32))
                  for end, v in (('min', op.a_min), ('max', op.a_max))]
        return graph.add('Clip', inputs[:1] + bounds, out, node.name)
    if kind == 'Reduce':
        return _reduce(graph, node, inputs, out)
    if kind == 'Reshape':
        return _reshape(graph, node, inputs, out)
    if kind == 'Pick':
        return _pick(graph, node, inputs, out)
    raise ValueError('export_model: op %s of node %r has no ONNX export' % (kind, node.name))


def _in_shape(graph, node, i=0):
    return graph.shapes[node_key(node.inputs[i])]


def _reduce(graph, node, inputs, out):
    """ONNX reductions; a reduction over every axis is a 0-d array there and (1,) in tinynet."""
    op, ndim = node.op, len(_in_shape(graph, node))
    axes = list(op.axes_for(ndim))
    if not axes:                       # exclude=True left nothing to reduce: y = x
        return graph.add('Identity', inputs[:1], out, node.name)
    to_scalar = not op.keepdims and len(axes) == ndim
    y = node.name + '_0d' if to_scalar else out
    if op.function == 'sum':           # opset 13+: ReduceSum takes its axes as an input
        graph.add('ReduceSum', [inputs[0], graph.constant(node.name + '_axes',
                                                          np.array(axes, np.int64))],
                  y, node.name, keepdims=int(op.keepdims))
    else:                              # the others until opset 18: an attribute
        graph.add(REDUCE[op.function], inputs[:1], y, node.name, axes=axes,
                  keepdims=int(op.keepdims))
    if to_scalar:
        return graph.add('Reshape', [y, graph.constant(node.name + '_one', np.array([1], np.int64))],
                         out, node.name + '_shape')
    return y


def _reshape(graph, node, inputs, out):
    """MXNet's codes 0 (copy the axis) and -1 (infer it) mean what ONNX's Reshape means by them;
    -2, -3, -4 are resolved for the export's input shapes (not with a dynamic batch)."""
    op = node.op
    if not op.reverse and all(c >= -1 for c in op.shape):
        codes = np.array(op.shape, np.int64)
    elif graph.dynamic:
        raise ValueError('export_model: %s: reshape codes %s have no ONNX form with a dynamic '
                         'batch; export with fixed shapes' % (op, op.shape))
    else:
        codes = np.array(graph.shapes[node_key(node)], np.int64)
    return graph.add('Reshape', [inputs[0], graph.constant(node.name + '_shape', codes)], out,
                     node.name)


def _pick(graph, node, inputs, out):
    """pick(data, index, axis) as GatherElements on the index made int64, put in range (clipped or
    wrapped, as MXNet's mode), given data's rank by an axis of size 1, and squeezed after."""
    op, data = node.op, _in_shape(graph, node)
    axis = op.axis % len(data)
    rest = tuple(data[:axis]) + tuple(data[axis + 1:])
    index = graph.add('Cast', [inputs[1]], node.name + '_int', node.name + '_int',
                      to=graph.onnx.TensorProto.INT64)
    if tuple(_in_shape(graph, node, 1)) != rest:
        index = graph.add('Reshape', [index, graph.constant(node.name + '_rest',
                                                            np.array(rest, np.int64))],
                          node.name + '_flat', node.name + '_flat')
    if op.mode == 'clip':
        bounds = [graph.constant(node.name + n, np.array(v, np.int64))
                  for n, v in (('_lo', 0), ('_hi', data[axis] - 1))]
        index = graph.add('Clip', [index] + bounds, node.name + '_clip', node.name + '_clip')
    else:
        index = graph.add('Mod', [index, graph.constant(node.name + '_size',
                                                        np.array(data[axis], np.int64))],
                          node.name + '_wrap', node.name + '_wrap')
    axes = graph.constant(node.name + '_axis', np.array([axis], np.int64))
    index = graph.add('Unsqueeze', [index, axes], node.name + '_idx', node.name + '_idx')
    if op.keepdims or not rest:
        return graph.add('GatherElements', [inputs[0], index], out, node.name, axis=axis)
    picked = graph.add('GatherElements', [inputs[0], index], node.name + '_kept', node.name,
                       axis=axis)
    return graph.add('Squeeze', [picked, axes], out, node.name + '_squeeze')


def export_model(sym, params, in_shapes=None, in_types=np.float32, onnx_file_path='model.onnx',
                 verbose=False, dynamic=False, dynamic_input_shapes=None, run_shape_inference=False,
                 input_type=None, input_shape=None):
    """Write `sym` (a Symbol or the path of its JSON) with `params` (a dict, (arg, aux) or the
    path of a .params file) to `onnx_file_path`; returns that path. `in_shapes`: one shape per
    input (data), in list_arguments order. dynamic=True (or dynamic_input_shapes) makes the
    batch axis of the inputs and outputs a named dimension, 'batch'."""
    onnx = require_onnx()
    sym = load_symbol(sym) if isinstance(sym, str) else sym
    if not isinstance(sym, Symbol):
        raise TypeError('export_model: sym must be a Symbol or a path, got %s' % type(sym).__name__)
    params = _params(params)
    in_shapes = in_shapes if in_shapes is not None else input_shape
    names = [n for n in sym.list_arguments() if n not in params and not is_label(n)]
    if in_shapes is None or len(in_shapes) != len(names):
        raise ValueError('export_model: in_shapes must give one shape for each input %s, got %r'
                         % (names, in_shapes))
    shapes = dict(zip(names, [tuple(int(n) for n in s) for s in in_shapes]))
    arg_shapes, out_shapes, _ = sym.infer_shape(**shapes)
    if arg_shapes is None:
        raise ValueError('export_model: the shapes %s do not determine every argument of the '
                         'symbol' % shapes)
    for name, shape in zip(sym.list_arguments(), arg_shapes):
        if name in params and tuple(params[name].shape) != tuple(shape):
            raise ValueError('export_model: parameter %r has shape %s, the symbol needs %s'
                             % (name, tuple(params[name].shape), tuple(shape)))
    graph = _Graph(onnx, params)
    graph.shapes = sym.node_shapes(**shapes)
    graph.dynamic = dynamic or dynamic_input_shapes is not None
    for node in sym.topological_nodes():
        if node.op is None:
            graph.output_of[node] = node.name
            continue
        inputs = [graph.output_of[child] for child in node.inputs]
        graph.output_of[node] = _convert(graph, node, inputs)
    dynamic = dynamic or dynamic_input_shapes is not None
    element = onnx.helper.np_dtype_to_tensor_dtype(np.dtype(in_types))

    def value_info(name, shape):
        dims = ['batch'] + list(shape[1:]) if dynamic else list(shape)
        return onnx.helper.make_tensor_value_info(name, element, dims)
    inputs = [value_info(n, shapes[n]) for n in names]
    outputs = [value_info(graph.output_of[node], shape)
               for node, shape in zip(sym.output_nodes, out_shapes)]
    model = onnx.helper.make_model(
        onnx.helper.make_graph(graph.nodes, 'tinynet', inputs, outputs, graph.initializers),
        producer_name='tinynet', opset_imports=[onnx.helper.make_opsetid('', OPSET)])
    model.ir_version = min(model.ir_version, 8)
    onnx.checker.check_model(model, full_check=True)
    if verbose:
        print(onnx.helper.printable_graph(model.graph))
    from ..fileio import atomic_write
    with atomic_write(onnx_file_path) as f:
        f.write(model.SerializeToString())
    return onnx_file_path
