"""Custom: an op whose forward and backward a user writes in Python (MXNet's mx.operator.CustomOp,
run by mx.nd.Custom / mx.sym.Custom with op_type= the name it was registered under).

The user's CustomOpProp (tinynet/operator.py) says what the op takes and gives (list_arguments,
list_outputs, list_auxiliary_states, infer_shape) and makes the CustomOp, whose

    forward(is_train, req, in_data, out_data, aux)            fills out_data
    backward(req, out_grad, in_data, out_data, in_grad, aux)  fills in_grad

each reading and writing NDArrays (`self.assign(dst, req, src)`). This op is the bridge: it
allocates the output and gradient buffers, hands them over as NDArrays, and keeps autograd from
recording whatever the user's code computes inside (MXNet runs it outside the graph too). The
attributes other than op_type are passed to the prop's constructor as strings, as MXNet does.
"""
from ..base import InvalidArgumentError
from ..engine import is_recording, is_training, set_recording

REGISTERED = {}       # op_type -> CustomOpProp subclass (mx.operator.register fills it)


def as_ndarray(array):
    """How the user's code sees an array: replaced by tinynet.operator with the NDArray maker
    (this layer sits below ndarray and cannot import it)."""
    return array


class Custom:
    """Not an Op subclass in its attribute handling: its inputs and attributes are the registered
    prop's, known only per instance. It has Op's interface (name, arguments, aux_arguments,
    infer_shape, forward, backward)."""
    arguments = ()                # variadic in the op table; an instance lists the prop's
    aux_arguments = ()
    any_attrs = True              # every keyword goes to the prop
    attrs = ()
    may_return_view = False

    def __init__(self, name, op_type=None, num_args=None, **kwargs):
        self.name = name
        if op_type is None:
            raise InvalidArgumentError("Custom '%s': argument 'op_type' (the name a CustomOpProp "
                                       "was registered under) is required" % name)
        if op_type not in REGISTERED:
            raise InvalidArgumentError("Custom '%s': op_type %r is not registered; registered: %s "
                                       "(use @mx.operator.register(%r) on a CustomOpProp)"
                                       % (name, op_type, sorted(REGISTERED) or 'none', op_type))
        self.op_type = op_type
        self.kwargs = {k: str(v) for k, v in kwargs.items()}
        try:
            self.prop = REGISTERED[op_type](**self.kwargs)
        except TypeError as err:
            raise TypeError("Custom '%s' (op_type %r): %s" % (name, op_type, err)) from None
        aux = tuple(self.prop.list_auxiliary_states())
        self.arguments = tuple(self.prop.list_arguments()) + aux
        self.aux_arguments = aux
        self.outputs = tuple(self.prop.list_outputs())

    def __repr__(self):
        return "Custom '%s' (op_type %r)" % (self.name, self.op_type)

    def list_arguments(self):
        return list(self.arguments)

    def order_inputs(self, positional, named):
        """The inputs in the prop's list_arguments order: `positional` fill the first arguments,
        `named` ({argument: array}, as in mx.sym.Custom(data=fc3, op_type=...)) the ones they
        name. Arguments given neither way are left out (the caller makes or refuses them)."""
        unknown = sorted(set(named) - set(self.arguments))
        if unknown:
            raise TypeError('%s: unknown input(s) %s; its CustomOpProp lists %s'
                            % (self, ', '.join(unknown), ', '.join(self.arguments)))
        if len(positional) > len(self.arguments):
            raise TypeError('%s: takes %d inputs (%s), got %d' % (
                self, len(self.arguments), ', '.join(self.arguments), len(positional)))
        twice = [arg for arg in self.arguments[:len(positional)] if arg in named]
        if twice:
            raise TypeError('%s: input %s given both by position and by name' % (self, twice[0]))
        given = dict(zip(self.arguments, positional), **named)
        return [(arg, given[arg]) for arg in self.arguments if arg in given]

    def attr_values(self):
        """The attributes as a symbol's JSON keeps them."""
        return dict(self.kwargs, op_type=self.op_type)

    def infer_shape(self, in_shapes):
        n_args = len(self.arguments) - len(self.aux_arguments)
        if len(in_shapes) != len(self.arguments):
            raise InvalidArgumentError('%s: takes %d inputs (%s), got %d' % (
                self, len(self.arguments), ', '.join(self.arguments), len(in_shapes)))
        if in_shapes[0] is None:
            return in_shapes, [None] * len(self.outputs)
        # an unknown shape is passed as [] (as MXNet's are): the prop infers it from the data
        answer = self.prop.infer_shape([[] if s is None else list(s) for s in in_shapes[:n_args]])
        ins, outs = answer[0], answer[1]
        aux = answer[2] if len(answer) > 2 else []
        return [tuple(s) for s in list(ins) + list(aux)], [tuple(s) for s in outs]

    def _operator(self, xp, inputs):
        shapes = [tuple(a.shape) for a in inputs]
        dtypes = [a.dtype for a in inputs]
        return self.prop.create_operator(None, shapes, dtypes)

    def forward(self, xp, inputs, record):
        n_args = len(self.arguments) - len(self.aux_arguments)
        _, out_shapes = self.infer_shape([tuple(a.shape) for a in inputs])
        dtype = inputs[0].dtype if inputs else xp.float32
        outputs = [xp.zeros(s, dtype) for s in out_shapes]
        operator = self._operator(xp, inputs)
        wrap = as_ndarray
        recording = is_recording()
        set_recording(False)              # the user's code runs outside the graph
        try:
            operator.forward(is_training(), ['write'] * len(outputs),
                             [wrap(a) for a in inputs[:n_args]], [wrap(o) for o in outputs],
                             [wrap(a) for a in inputs[n_args:]])
        finally:
            set_recording(recording)
        return outputs, ((operator, inputs, outputs) if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        operator, inputs, outputs = saved
        n_args = len(self.arguments) - len(self.aux_arguments)
        grads = [xp.zeros_like(a) for a in inputs[:n_args]]
        wrap = as_ndarray
        recording = is_recording()
        set_recording(False)
        try:
            operator.backward(['write' if n else 'null' for n in needs_grad[:n_args]],
                              [wrap(g) for g in out_grads], [wrap(a) for a in inputs[:n_args]],
                              [wrap(o) for o in outputs], [wrap(g) for g in grads],
                              [wrap(a) for a in inputs[n_args:]])
        finally:
            set_recording(recording)
        return grads + [xp.zeros_like(a) if need else None       # no gradient reaches aux
                        for a, need in zip(inputs[n_args:], needs_grad[n_args:])]
