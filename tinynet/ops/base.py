"""What every op shares: the `Op` base class. An op declares its inputs (`arguments`) and its
attributes (`attrs`, a table of `Attr` rows: attrs.py), and `Op.__init__` reads and checks the
attributes from that table; the op's own file is its math.
"""
from ..base import InvalidArgumentError
from ..util import warn_ignored


class Op:
    """Base of every op. A subclass sets `arguments` (its input names, data first) and `attrs` (its
    attribute table), and defines `infer_shape`, `forward` and `backward`; `check()` may test what
    the attributes must satisfy together. An op keeps only its attributes: the arrays that backward
    needs travel in `saved`, so one op object can serve any number of forward passes."""
    arguments = ('data',)
    aux_arguments = ()  # the inputs that are auxiliary states (BatchNorm's moving statistics)
    # {input: initializer in JSON form} that mx.sym gives a variable fed to that input when it has
    # no __init__ of its own (MXNet's FSetInputVarAttrOnCompose: PReLU's gamma starts at 0.25)
    input_inits = {}
    attrs = ()          # the Attr table
    may_return_view = False   # True: an output may share an input's memory (reshape, slicing)

    def __init__(self, name, **attrs):
        self.name = name
        table = {a.name: a for a in self.attrs}
        unknown = sorted(set(attrs) - set(table))
        if unknown:
            raise TypeError("%s: unknown argument(s) %s; it takes %s and inputs %s" % (
                self, ', '.join(unknown), ', '.join(table) or 'no attributes',
                ', '.join(self.arguments) or 'any number of arrays'))
        for attr in self.attrs:
            value = attr.parse(self, attrs.get(attr.name))
            if attr.ignored:
                warn_ignored(type(self).__name__, attr.name, value, attr.default, attr.ignored)
            setattr(self, attr.name, value)
        self.check()

    def check(self):
        """Raise a ValueError naming the layer when the attributes do not fit together."""

    # inputs that hold indices, labels or lengths: their dtype is their own (Embedding's data)
    index_arguments = ()

    def infer_type(self, in_types):
        """(input dtypes, [output dtype]) from the known ones (None where unknown), as MXNet's
        type inference does for most ops: the inputs (but index_arguments) and the output share
        one dtype, the first known one."""
        names = self.list_arguments()
        shared = [i for i in range(len(in_types))
                  if len(names) != len(in_types) or names[i] not in self.index_arguments]
        known = next((in_types[i] for i in shared if in_types[i] is not None), None)
        return [known if i in shared and t is None else t for i, t in enumerate(in_types)], \
            [known]

    def lift_windows_to_2d(self, names):
        """A 1-D window op (kernel given as (K,)) runs as the 2-D one with a height of 1: each
        of the attributes `names` (kernel first, then stride, pad, dilate) gets a leading 1 (0
        for pad). Returns whether the op is 1-D; its data (N, C, W) is then run as (N, C, 1, W)."""
        one_d = len(getattr(self, names[0])) == 1
        for name in names:
            value = getattr(self, name)
            unit = 0 if name == 'pad' else 1
            if not one_d:
                if len(value) == 1:
                    raise InvalidArgumentError('%s: %s %s is 1-D but the kernel is %s'
                                               % (self, name, value, getattr(self, names[0])))
                continue
            if len(value) == 2 and value[0] != value[1]:    # (v, v) is a number or the default
                raise InvalidArgumentError('%s: the kernel %s is 1-D but %s is %s'
                                           % (self, getattr(self, names[0]), name, value))
            setattr(self, name, (unit if name != names[0] else 1, value[-1]))
        return one_d

    def __repr__(self):
        return "%s '%s'" % (type(self).__name__, self.name)

    def list_arguments(self):
        return list(self.arguments)

    def same_shape(self, in_shapes):
        """infer_shape of an op whose output has its (first) input's shape."""
        return in_shapes, [in_shapes[0]]

    def check_shape(self, arg, given, expected, data_shape):
        """Raise the error every shape mismatch gets: layer, argument, both shapes."""
        if given is not None and tuple(given) != tuple(expected):
            raise InvalidArgumentError('%s: argument %r has shape %s, but the layer needs %s for data of shape '
                             '%s' % (self, arg, tuple(given), tuple(expected), tuple(data_shape)))

    def check_param_shapes(self, in_shapes, expected):
        """infer_shape while the data's shape is unknown (a checkpoint checked against its symbol
        before any data is seen): check what the attributes alone fix of each parameter's shape.
        `expected` has a shape per parameter (the inputs after data), None for a dimension that
        depends on the data. The output shape stays unknown."""
        for arg, given, want in zip(self.list_arguments()[1:], in_shapes[1:], expected):
            if given is None or want is None:
                continue
            if len(given) != len(want) or any(w is not None and g != w
                                               for g, w in zip(given, want)):
                dims = ['?' if w is None else str(w) for w in want]
                raise InvalidArgumentError('%s: argument %r has shape %s, but the layer needs (%s)'
                                           % (self, arg, tuple(given), ', '.join(dims)
                                              + (',' if len(dims) == 1 else '')))
        return in_shapes, [None]

    def need_data_shape(self, in_shapes, ndim=None, what=''):
        data = in_shapes[0]
        if data is not None and ndim is not None and len(data) != ndim:
            raise InvalidArgumentError('%s: argument \'data\' must be %d-D %s, got shape %s'
                             % (self, ndim, what, tuple(data)))
        return data

    def check_dtypes(self, data, weight):
        """One dtype for data and weight, as MXNet requires (it refuses int32 data for float32
        weights); never a silent float64 result from mixing them."""
        if data.dtype != weight.dtype:
            raise InvalidArgumentError(
                "%s: argument 'data' has dtype %s but 'weight' has %s; give the data the "
                "parameters' dtype (x.astype('%s'))" % (self, data.dtype, weight.dtype, weight.dtype))

    def zero_grads(self, xp, saved):
        """The gradient of an op through which none flows (argmax, comparisons): zeros for each input, as
        MXNet gives; `saved` holds the inputs' (shape, dtype)."""
        return [xp.zeros(shape, dtype) for shape, dtype in saved]
