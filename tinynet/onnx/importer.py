"""Read an ONNX model into a tinynet symbol and parameters, as MXNet 1.9's import_model.

    sym, arg_params, aux_params = mx.onnx.import_model('model.onnx')

The ONNX ops that map onto tinynet's: Conv, Gemm, MatMul (+ Add of a bias), Relu, Tanh, Sigmoid,
Softplus, Softsign, MaxPool, AveragePool, GlobalMaxPool, GlobalAveragePool, Flatten, Reshape,
Softmax, LogSoftmax, BatchNormalization, Dropout, Identity, and the arithmetic of two arrays or of
an array and a constant (Add, Sub, Mul, Div, Pow, Max, Min), Neg, Abs, Exp, Log, Sqrt, Sign, Clip
and the reductions ReduceSum/Mean/Max/Min/Prod. Anything else (GatherElements, say, which tinynet's
own export writes for pick), and any attribute or layout tinynet does not have, is one ValueError
naming the node and the op.
"""
import os

import numpy as np

from .. import symbol as sym
from .export import UNARY as EXPORTED_UNARY, require_onnx


class _Importer:

    def __init__(self, onnx, graph, path):
        self.onnx, self.path = onnx, path
        self.consts = {init.name: onnx.numpy_helper.to_array(init) for init in graph.initializer}
        for node in graph.node:                       # Constant nodes are initializers too
            if node.op_type == 'Constant':
                self.consts[node.output[0]] = self.constant(node)
        self.arg_params, self.aux_params = {}, {}
        self.symbols = {}
        self.graph = graph

    def constant(self, node):
        """The value of a Constant node: a tensor, or one of ONNX's number forms."""
        if len(node.attribute) != 1:
            self.fail(node, 'has %d attributes; a Constant has exactly one' % len(node.attribute))
        attr = node.attribute[0]
        value = self.onnx.helper.get_attribute_value(attr)
        if attr.name == 'value':
            return self.onnx.numpy_helper.to_array(value)
        if attr.name in ('value_float', 'value_floats'):
            return np.asarray(value, dtype=np.float32)
        if attr.name in ('value_int', 'value_ints'):
            return np.asarray(value, dtype=np.int64)
        self.fail(node, 'has attribute %r; tinynet imports value, value_float(s) and '
                  'value_int(s)' % attr.name)

    def fail(self, node, why):
        raise ValueError('import_model: %s: node %r (%s) %s' % (self.path, node.name or
                                                                node.output[0], node.op_type, why))

    def attrs(self, node, allowed):
        values = {a.name: self.onnx.helper.get_attribute_value(a) for a in node.attribute}
        unknown = sorted(set(values) - set(allowed))
        if unknown:
            self.fail(node, 'has attribute(s) %s, which tinynet does not support' % unknown)
        return {k: (v.decode() if isinstance(v, bytes) else v) for k, v in values.items()}

    def const(self, node, name, what):
        if name not in self.consts:
            self.fail(node, 'needs its %s as an initializer (a constant), not a computed input'
                      % what)
        return self.consts[name]

    def param(self, name, value, aux=False):
        while name in self.symbols or name in self.arg_params or name in self.aux_params:
            name += '_'          # a graph input of that name (or another parameter) keeps it
        (self.aux_params if aux else self.arg_params)[name] = np.ascontiguousarray(
            value, dtype=np.float32)
        return sym.var(name)

    def input(self, name):
        if name not in self.symbols:
            raise ValueError('import_model: %s: %r is used before any node makes it'
                             % (self.path, name))
        return self.symbols[name]

    def bias(self, node, input_name, outputs):
        """A per-output bias: shape (outputs,) or (1, outputs), or one number for all. One that
        broadcasts over rows ((n, 1), one value per sample) is not a layer's bias: refused."""
        value = np.asarray(self.const(node, input_name, 'bias'))
        if value.size == 1:
            return np.full(outputs, float(value.reshape(-1)[0]), np.float32)
        if value.shape not in ((outputs,), (1, outputs)):
            self.fail(node, 'adds a bias of shape %s to %d outputs per row; tinynet imports a '
                      'bias of shape (%d,) or (1, %d) (one value per output)'
                      % (value.shape, outputs, outputs, outputs))
        return value.reshape(-1)

    def pads(self, node, pads, auto_pad):
        if auto_pad not in ('NOTSET', None):
            self.fail(node, 'uses auto_pad=%s; only explicit pads are supported' % auto_pad)
        pads = list(pads or [0, 0, 0, 0])
        if len(pads) != 4 or pads[0] != pads[2] or pads[1] != pads[3]:
            self.fail(node, 'has pads %s; tinynet pads both sides of an axis alike' % pads)
        return tuple(pads[:2])

    def convert(self, node):
        """The tinynet symbol for ONNX node `node` (its first output)."""
        op, name = node.op_type, node.name or node.output[0]
        x = self.input(node.input[0]) if node.input and node.input[0] not in self.consts else None
        if op in ('Relu', 'Tanh', 'Sigmoid', 'Softplus', 'Softsign'):
            self.attrs(node, ())
            act = {'Relu': 'relu', 'Tanh': 'tanh', 'Sigmoid': 'sigmoid', 'Softplus': 'softrelu',
                   'Softsign': 'softsign'}[op]
            return sym.Activation(x, act_type=act, name=name)
        if op == 'Conv':
            a = self.attrs(node, ('kernel_shape', 'strides', 'pads', 'dilations', 'group',
                                  'auto_pad'))
            weight = self.const(node, node.input[1], 'weight')
            if weight.ndim != 4:
                self.fail(node, 'is a %d-D convolution; only 2-D (NCHW) is supported'
                          % (weight.ndim - 2))
            if a.get('group', 1) != 1:
                self.fail(node, 'has group=%s; only group 1 is supported' % a['group'])
            bias = len(node.input) > 2 and node.input[2]
            return sym.Convolution(
                x, self.param(name + '_weight', weight),
                self.param(name + '_bias', self.const(node, node.input[2], 'bias')) if bias
                else None, kernel=tuple(weight.shape[2:]), num_filter=weight.shape[0],
                stride=tuple(a.get('strides', (1, 1))), dilate=tuple(a.get('dilations', (1, 1))),
                pad=self.pads(node, a.get('pads'), a.get('auto_pad')), no_bias=not bias,
                name=name)
        if op == 'Gemm':
            a = self.attrs(node, ('alpha', 'beta', 'transA', 'transB'))
            if a.get('transA', 0) or a.get('alpha', 1.0) != 1.0 or a.get('beta', 1.0) != 1.0:
                self.fail(node, 'has transA, alpha or beta other than 0, 1, 1')
            weight = self.const(node, node.input[1], 'weight')
            weight = weight if a.get('transB', 0) else weight.T          # FullyConnected: (H, K)
            bias = len(node.input) > 2 and node.input[2]
            return sym.FullyConnected(
                x, self.param(name + '_weight', weight),
                self.param(name + '_bias', self.bias(node, node.input[2], weight.shape[0]))
                if bias else None, num_hidden=weight.shape[0], no_bias=not bias, flatten=False,
                name=name)
        if op == 'MatMul':
            self.attrs(node, ())
            weight = self.const(node, node.input[1], 'weight')
            if weight.ndim != 2:
                self.fail(node, 'multiplies by a %d-D array; only a 2-D weight is supported'
                          % weight.ndim)
            return sym.FullyConnected(x, self.param(name + '_weight', weight.T),
                                      num_hidden=weight.shape[1], no_bias=True, flatten=False,
                                      name=name)
        if op in ('MaxPool', 'AveragePool'):
            a = self.attrs(node, ('kernel_shape', 'strides', 'pads', 'ceil_mode', 'auto_pad',
                                  'count_include_pad', 'dilations', 'storage_order'))
            if len(a['kernel_shape']) != 2:
                self.fail(node, 'pools over %d axes; only 2-D is supported'
                          % len(a['kernel_shape']))
            if any(d != 1 for d in a.get('dilations', (1, 1))):
                self.fail(node, 'has dilations; tinynet pools without them')
            return sym.Pooling(x, kernel=tuple(a['kernel_shape']),
                               stride=tuple(a.get('strides', (1, 1))),
                               pad=self.pads(node, a.get('pads'), a.get('auto_pad')),
                               pool_type='max' if op == 'MaxPool' else 'avg',
                               pooling_convention='full' if a.get('ceil_mode', 0) else 'valid',
                               count_include_pad=bool(a.get('count_include_pad', 0)), name=name)
        if op in ('GlobalMaxPool', 'GlobalAveragePool'):
            self.attrs(node, ())
            return sym.Pooling(x, global_pool=True, kernel=(1, 1),
                               pool_type='max' if op == 'GlobalMaxPool' else 'avg', name=name)
        if op == 'Flatten':
            if self.attrs(node, ('axis',)).get('axis', 1) != 1:
                self.fail(node, 'flattens from an axis other than 1')
            return sym.Flatten(x, name=name)
        if op == 'Reshape':
            if len(node.input) < 2 or not node.input[1]:
                self.fail(node, 'has no shape input (the shape attribute of opset < 5 is not '
                          'imported)')
            shape = np.asarray(self.const(node, node.input[1], 'shape'))
            if shape.ndim != 1 or shape.dtype.kind not in 'iu' or (shape < -1).any():
                self.fail(node, 'has shape %s; it must be a 1-D array of ints >= -1'
                          % shape.tolist())
            shape = [int(v) for v in shape]
            if self.attrs(node, ('allowzero',)).get('allowzero', 0) and 0 in shape:
                self.fail(node, 'has allowzero=1 and a 0 in its shape: an axis of size 0')
            if len(shape) == 2 and shape[1] == -1 and shape[0] in (0, -1):
                return sym.Flatten(x, name=name)              # PyTorch's x.view(N, -1)
            return sym.reshape(x, shape, name=name)           # 0 and -1 mean what MXNet's do
        if op in ('Softmax', 'LogSoftmax'):
            axis = self.softmax_axis(node)
            function = sym.softmax if op == 'Softmax' else sym.log_softmax
            return function(x, axis=axis, name=name)
        if op == 'BatchNormalization':
            a = self.attrs(node, ('epsilon', 'momentum', 'training_mode', 'spatial'))
            if a.get('training_mode', 0):
                self.fail(node, 'is in training mode; only inference models are imported')
            values = [self.const(node, n, what) for n, what in
                      zip(node.input[1:5], ('scale', 'bias', 'mean', 'var'))]
            return sym.BatchNorm(
                x, self.param(name + '_gamma', values[0]), self.param(name + '_beta', values[1]),
                self.param(name + '_moving_mean', values[2], aux=True),
                self.param(name + '_moving_var', values[3], aux=True),
                eps=a.get('epsilon', 1e-5), momentum=a.get('momentum', 0.9), fix_gamma=False,
                name=name)
        if op == 'Dropout':
            self.attrs(node, ('seed', 'ratio'))
            ratio = float(self.consts.get(node.input[1], 0.5)) if len(node.input) > 1 and \
                node.input[1] else 0.5
            return sym.Dropout(x, p=ratio, name=name)
        if op == 'Identity':
            self.attrs(node, ())
            return x
        if op in BINARY:
            return self.binary(node, BINARY[op])
        if op in UNARY:
            self.attrs(node, ())
            return UNARY[op](x, name=name)
        if op in REDUCE:
            return self.reduce(node, x, name)
        if op == 'Clip':
            self.attrs(node, ())
            given = list(node.input[1:3]) + ['', '']          # min and max: optional inputs
            big = float(np.finfo(np.float32).max)            # "no bound", as a finite number
            low, high = [float(self.const(node, n, end)) if n else default for n, end, default
                         in zip(given, ('min', 'max'), (-big, big))]
            return sym.clip(x, low, high, name=name)
        self.fail(node, 'is not an op tinynet can import (it imports %s)' % ', '.join(SUPPORTED))

    def softmax_axis(self, node):
        """The axis of a (Log)Softmax. From opset 13 it is one axis (default -1). Before, the
        input is flattened to 2-D at `axis` (default 1) and the softmax taken over everything
        after it: the same as one axis only when `axis` is the last; otherwise refused."""
        given = self.attrs(node, ('axis',)).get('axis')
        if self.opset >= 13:
            return -1 if given is None else given
        axis = 1 if given is None else given
        rank = self.ranks.get(node.input[0])
        if rank is not None and axis % rank == rank - 1:
            return -1
        self.fail(node, 'has axis %d at opset %d, where it flattens the input from that axis '
                  '(input rank %s); tinynet imports it only when that is the last axis'
                  % (axis, self.opset, 'unknown' if rank is None else rank))

    def binary(self, node, function):
        """Two computed arrays, or one and a constant: a one-number constant becomes the op's
        scalar attribute, a larger one a parameter (held fixed unless trained)."""
        name = node.name or node.output[0]
        if len(node.input) != 2:
            self.fail(node, 'has %d inputs; tinynet imports it with two' % len(node.input))
        self.attrs(node, ())
        operands = []
        for i, input_name in enumerate(node.input):
            if input_name not in self.consts:
                operands.append(self.input(input_name))
                continue
            value = np.asarray(self.consts[input_name], dtype=np.float32)
            operands.append(float(value.reshape(-1)[0]) if value.size == 1 else
                            self.param('%s_const%d' % (name, i), value))
        if not any(isinstance(o, sym.Symbol) for o in operands):
            self.fail(node, 'computes on constants only; fold it before exporting')
        return function(operands[0], operands[1], name=name)

    def reduce(self, node, x, name):
        a = self.attrs(node, ('axes', 'keepdims', 'noop_with_empty_axes'))
        axes = a.get('axes')
        if len(node.input) > 1 and node.input[1]:            # ReduceSum from opset 13: an input
            axes = [int(v) for v in self.const(node, node.input[1], 'axes')]
        if not axes and a.get('noop_with_empty_axes', 0):
            return x
        return REDUCE[node.op_type](x, axis=tuple(axes) if axes else None,
                                    keepdims=bool(a.get('keepdims', 1)), name=name)

    def run(self):
        graph = self.graph
        for value in graph.input:
            if value.name not in self.consts:
                self.symbols[value.name] = sym.var(value.name)
        pending_bias = {}
        for node in graph.node:
            if node.domain not in ('', 'ai.onnx'):
                self.fail(node, "is of domain %r; tinynet imports ONNX's own ops (domain '')"
                          % node.domain)
            if node.op_type == 'Constant':
                continue
            if node.op_type == 'Add' and node.input[0] in pending_bias and \
                    node.input[1] in self.consts:
                # MatMul + Add of a constant: the bias of the FullyConnected before it
                fc = pending_bias.pop(node.input[0])
                self.symbols[node.output[0]] = self.fold_bias(node, fc)
                continue
            self.symbols[node.output[0]] = self.convert(node)
            if node.op_type == 'MatMul':
                pending_bias[node.output[0]] = node
        outputs = [self.input(value.name) for value in graph.output]
        return outputs[0] if len(outputs) == 1 else sym.Group(outputs)

    def fold_bias(self, add_node, matmul_node):
        name = matmul_node.name or matmul_node.output[0]
        weight = self.arg_params.pop(name + '_weight')
        bias = self.bias(add_node, add_node.input[1], weight.shape[0])
        x = self.input(matmul_node.input[0])
        return sym.FullyConnected(x, self.param(name + '_weight', weight),
                                  self.param(name + '_bias', bias), num_hidden=weight.shape[0],
                                  flatten=False, name=name + '_fc')


BINARY = {'Add': sym.broadcast_add, 'Sub': sym.broadcast_sub, 'Mul': sym.broadcast_mul,
          'Div': sym.broadcast_div, 'Pow': sym.power, 'Max': sym.maximum, 'Min': sym.minimum}
UNARY = {onnx_name: getattr(sym, function)
         for function, onnx_name in EXPORTED_UNARY.items()}      # the op table's, both ways
REDUCE = {'ReduceSum': sym.sum, 'ReduceMean': sym.mean, 'ReduceMax': sym.max,
          'ReduceMin': sym.min, 'ReduceProd': sym.prod}

SUPPORTED = ('Conv', 'Gemm', 'MatMul', 'Add (a bias)', 'Relu', 'Tanh', 'Sigmoid', 'Softplus',
             'Softsign', 'MaxPool', 'AveragePool', 'GlobalMaxPool', 'GlobalAveragePool',
             'Flatten', 'Reshape', 'Softmax', 'LogSoftmax', 'BatchNormalization', 'Dropout',
             'Identity', 'Add', 'Sub', 'Mul', 'Div', 'Pow', 'Max', 'Min') + tuple(sorted(UNARY)) + \
    ('Clip', 'ReduceSum', 'ReduceMean', 'ReduceMax', 'ReduceMin', 'ReduceProd')


def load_onnx(path):
    """The ONNX ModelProto of `path`, checked; an empty, truncated or non-ONNX file is one
    ValueError naming the file (onnx.load alone raises a raw protobuf error on some and accepts
    others)."""
    onnx = require_onnx()
    if not os.path.exists(path):
        raise FileNotFoundError(2, 'import_model: no such file', path)
    if os.path.getsize(path) == 0:
        raise ValueError('import_model: %s is empty, not an ONNX model' % path)
    try:
        model = onnx.load(path)
        if not model.graph.node:
            raise ValueError('it has no graph')
        onnx.checker.check_model(model)
    except Exception as err:
        raise ValueError('import_model: %s is not a valid ONNX model (%s)'
                         % (path, str(err).splitlines()[0] if str(err) else type(err).__name__)) \
            from None
    return model


OPSETS = (7, 21)        # the default-domain opsets import was written and tested for


def opset_of(model, path):
    """The model's opset of ONNX's own ops, refused outside OPSETS."""
    versions = [o.version for o in model.opset_import if o.domain in ('', 'ai.onnx')]
    if not versions:
        raise ValueError("import_model: %s imports no opset of ONNX's own ops" % path)
    if not OPSETS[0] <= versions[0] <= OPSETS[1]:
        raise ValueError('import_model: %s uses opset %d; tinynet imports opsets %d to %d'
                         % (path, versions[0], OPSETS[0], OPSETS[1]))
    return versions[0]


def ranks_of(onnx, model):
    """{value name: rank} from ONNX's shape inference (empty where it cannot tell)."""
    try:
        graph = onnx.shape_inference.infer_shapes(model).graph
    except Exception:                    # noqa: BLE001 (a model it cannot infer: no ranks)
        graph = model.graph
    ranks = {}
    for value in list(graph.input) + list(graph.value_info) + list(graph.output):
        if value.type.tensor_type.HasField('shape'):
            ranks[value.name] = len(value.type.tensor_type.shape.dim)
    return ranks


def import_model(model_file):
    """(sym, arg_params, aux_params) of an ONNX file; parameters as NumPy float32 arrays."""
    onnx = require_onnx()
    model = load_onnx(model_file)
    importer = _Importer(onnx, model.graph, model_file)
    importer.opset = opset_of(model, model_file)
    importer.ranks = ranks_of(onnx, model)
    out = importer.run()
    return out, importer.arg_params, importer.aux_params


def get_model_metadata(model_file):
    """{'input_tensor_data': [(name, shape)], 'output_tensor_data': [(name, shape)]}."""
    model = load_onnx(model_file)
    consts = {i.name for i in model.graph.initializer}

    def shape(value):
        return tuple(d.dim_value if d.dim_value else (d.dim_param or 0)
                     for d in value.type.tensor_type.shape.dim)
    return {'input_tensor_data': [(v.name, shape(v)) for v in model.graph.input
                                  if v.name not in consts],
            'output_tensor_data': [(v.name, shape(v)) for v in model.graph.output]}
