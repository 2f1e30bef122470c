"""Operators written in Python: MXNet's mx.operator.CustomOp, CustomOpProp and register.

    class Sigmoid(mx.operator.CustomOp):
        def forward(self, is_train, req, in_data, out_data, aux):
            self.assign(out_data[0], req[0], 1 / (1 + mx.nd.exp(-in_data[0])))
        def backward(self, req, out_grad, in_data, out_data, in_grad, aux):
            y = out_data[0]
            self.assign(in_grad[0], req[0], out_grad[0] * y * (1 - y))

    @mx.operator.register('sigmoid')
    class SigmoidProp(mx.operator.CustomOpProp):
        def create_operator(self, ctx, shapes, dtypes):
            return Sigmoid()

    y = mx.nd.Custom(x, op_type='sigmoid')          # or mx.sym.Custom(data, op_type='sigmoid')

The op runs through the same engine as every other (tinynet/ops/custom.py is the bridge), so
autograd, symbols, Module and hybridized Gluon blocks use its backward.
"""
from .ndarray import NDArray
from .ops import custom as _custom


class CustomOp:
    """Base of a Python op: define forward(is_train, req, in_data, out_data, aux) and
    backward(req, out_grad, in_data, out_data, in_grad, aux); every argument is a list of
    NDArrays (req a list of 'write', 'add', 'inplace' or 'null')."""

    def forward(self, is_train, req, in_data, out_data, aux):
        """Fill out_data from in_data (use self.assign)."""
        raise NotImplementedError('%s: a CustomOp defines forward' % type(self).__name__)

    def backward(self, req, out_grad, in_data, out_data, in_grad, aux):
        """Fill in_grad from out_grad (use self.assign)."""
        raise NotImplementedError('%s: a CustomOp defines backward' % type(self).__name__)

    def assign(self, dst, req, src):
        """Write src into dst as req says: 'write' / 'inplace' copy, 'add' adds, 'null' skips."""
        if req == 'null':
            return
        if req in ('write', 'inplace'):
            dst[:] = src
        elif req == 'add':
            dst[:] = dst + src
        else:
            raise ValueError("CustomOp.assign: req must be 'write', 'inplace', 'add' or 'null', "
                             "got %r" % (req,))


class CustomOpProp:
    """Says what a CustomOp takes and gives. need_top_grad=True (MXNet's default): backward uses
    the output gradients. Override list_arguments (default ['data']), list_outputs (['output']),
    list_auxiliary_states ([]), infer_shape (default: every output has the first input's
    shape) and create_operator(ctx, in_shapes, in_dtypes), which returns the CustomOp.
    Keyword arguments given to mx.nd.Custom / mx.sym.Custom reach __init__ as strings."""

    def __init__(self, need_top_grad=True):
        self.need_top_grad_ = need_top_grad

    def list_arguments(self):
        """The input names, data first."""
        return ['data']

    def list_outputs(self):
        """The output names."""
        return ['output']

    def list_auxiliary_states(self):
        """The names of the auxiliary states (inputs the op may change in place)."""
        return []

    def infer_shape(self, in_shape):
        """(input shapes, output shapes, aux shapes) from the input shapes."""
        return in_shape, [in_shape[0]] * len(self.list_outputs()), \
            [in_shape[0]] * len(self.list_auxiliary_states())

    def infer_type(self, in_type):
        """(input dtypes, output dtypes, aux dtypes): the first input's everywhere."""
        return in_type, [in_type[0]] * len(self.list_outputs()), \
            [in_type[0]] * len(self.list_auxiliary_states())

    def declare_backward_dependency(self, out_grad, in_data, out_data):
        """Which arrays backward reads (MXNet uses it to free memory early; tinynet keeps all)."""
        return (out_grad if self.need_top_grad_ else []) + in_data + out_data

    def create_operator(self, ctx, in_shapes, in_dtypes):
        """The CustomOp that computes this op."""
        raise NotImplementedError('%s: a CustomOpProp defines create_operator'
                                  % type(self).__name__)


def register(reg_name):
    """Class decorator: register a CustomOpProp under `reg_name`, the op_type of mx.nd.Custom and
    mx.sym.Custom. Registering a name again replaces the earlier class (as MXNet)."""
    def do_register(prop_cls):
        if not (isinstance(prop_cls, type) and issubclass(prop_cls, CustomOpProp)):
            raise TypeError('operator.register(%r): %r is not a CustomOpProp subclass'
                            % (reg_name, prop_cls))
        _custom.REGISTERED[reg_name] = prop_cls
        return prop_cls
    return do_register


_custom.as_ndarray = NDArray        # the bridge hands the user's code NDArrays
