"""What the explain page shows, computed: a checkpoint's network run on one digit with every layer's
output kept, its first layer's filters, and which input window each feature-map pixel sees."""
import threading

import numpy as np

from ..backend import to_numpy
from ..model import input_shape_of, load_checkpoint
from ..symbol import Group


def _rounded(array, digits=4):
    return np.round(np.asarray(array, dtype=np.float64), digits).tolist()


class Explainer:
    """A checkpoint, bound once for one image, that answers what each layer computes."""

    def __init__(self, prefix, epoch):
        symbol, arg_params, aux_params = load_checkpoint(prefix, epoch)
        found = input_shape_of(symbol, arg_params)
        if found is None:
            raise ValueError('explain: %s-symbol.json is not a network of one (1, 1, 28, 28) or '
                             '(1, 784) input, so it cannot take a drawn digit' % prefix)
        self.input_name, self.input_shape = found
        self.symbol = symbol
        self.layers = [n for n in symbol.topological_nodes() if n.op is not None and
                       type(n.op).__name__ != 'SoftmaxOutput']
        head = symbol.output_nodes[0]
        self.softmax_head = type(head.op).__name__ in ('SoftmaxOutput', 'Softmax')
        internals = symbol.get_internals()
        wanted = [internals[n.name + '_output'] for n in self.layers] + [symbol]
        self.graph = Group(wanted)
        args = {n: arg_params[n] for n in self.graph.list_arguments() if n in arg_params}
        args[self.input_name] = np.zeros(self.input_shape, np.float32)
        for n in self.graph.list_arguments():
            if n not in args:                      # a label: not used in prediction
                shape = dict(zip(self.graph.list_arguments(),
                                 self.graph.infer_shape(**{self.input_name: self.input_shape})[0]))[n]
                args[n] = np.zeros(shape, np.float32)
        self.executor = self.graph.bind(args=args, aux_states=aux_params, grad_req='null')
        self.arg_params, self.aux_params = arg_params, aux_params
        self.windows = self._windows()
        self.lock = threading.Lock()

    def params(self):
        """(arg_params, aux_params) of the checkpoint."""
        return self.arg_params, self.aux_params

    def run(self, image):
        """Probabilities and every layer's output for one (28, 28) image in [0, 1]. One request
        at a time: the server's threads share the one bound executor, whose outputs the next
        forward overwrites."""
        with self.lock:
            return self._run(image)

    def _run(self, image):
        x = np.asarray(image, np.float32).reshape(self.input_shape)
        outputs = self.executor.forward(**{self.input_name: x})
        outputs = [to_numpy(o) for o in outputs]
        logits = outputs[-1].reshape(-1)
        if self.softmax_head:
            probabilities = logits
        else:
            e = np.exp(logits - logits.max())
            probabilities = e / e.sum()
        layers = []
        for node, out in zip(self.layers, outputs[:-1]):
            value = out[0]
            layer = {'name': node.name, 'op': type(node.op).__name__,
                     'shape': list(value.shape)}
            if value.ndim == 3:                    # feature maps (C, H, W)
                layer['maps'] = _rounded(value)
                layer['range'] = [float(value.min()), float(value.max())]
                if node.name in self.windows:
                    layer['window'] = self.windows[node.name]
            else:
                layer['values'] = _rounded(value.reshape(-1))
            layers.append(layer)
        return {'probabilities': _rounded(probabilities, 6), 'layers': layers}

    def filters(self):
        """The first layer's filters as images: a convolution's kernels, or a fully connected
        layer's first 16 rows of weights seen as 28 x 28."""
        for node in self.layers:
            kind = type(node.op).__name__
            if kind in ('Convolution', 'FullyConnected'):
                w = self.arg_params[node.inputs[1].name]      # its weight, whatever its name
            if kind == 'Convolution':
                return {'layer': node.name, 'images': _rounded(w[:, 0])}
            if kind == 'FullyConnected':
                if w.shape[1] == 784:
                    return {'layer': node.name, 'images': _rounded(w[:16].reshape(-1, 28, 28))}
                break
        return {'layer': None, 'images': []}

    def _windows(self):
        """{layer: {'size', 'stride', 'offset'}}: output pixel (i, j) of a convolution or pooling
        layer sees input rows offset[0] + i * stride[0] ... + size[0] - 1 (likewise columns), for
        the chain of window layers from the input (receptive fields, composed)."""
        size, stride, offset = [1, 1], [1, 1], [0, 0]
        windows = {}
        for node in self.layers:
            op, kind = node.op, type(node.op).__name__
            if kind in ('Convolution', 'Pooling') and not getattr(op, 'global_pool', False):
                kernel = [d * (k - 1) + 1 for k, d in zip(op.kernel, getattr(op, 'dilate', (1, 1)))]
                offset = [o - p * s for o, p, s in zip(offset, op.pad, stride)]
                size = [sz + (k - 1) * s for sz, k, s in zip(size, kernel, stride)]
                stride = [s * st for s, st in zip(stride, op.stride)]
                windows[node.name] = {'size': size, 'stride': stride, 'offset': offset}
            elif kind in ('Convolution', 'Pooling') or kind in ('FullyConnected', 'Flatten'):
                break
            elif node.name in windows:
                pass
            elif kind in ('Activation', 'Dropout', 'BatchNorm'):
                # elementwise: the same windows as the layer before
                previous = list(windows.values())[-1] if windows else None
                if previous is not None:
                    windows[node.name] = previous
        return windows
