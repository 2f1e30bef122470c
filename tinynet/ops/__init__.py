"""The ops, one module per family; each keeps forward, backward and shape inference together.

`registry.py` is the op table: each op once, with MXNet's names for it, from which mx.nd, mx.sym,
the NDArray and Symbol methods and the symbol JSON names are made. `fast.py` holds the named fast
paths the ops call, `windows.py` the window machinery of Convolution and Pooling.
"""
from .activation import Activation  # noqa: F401
from .batch_norm import BatchNorm  # noqa: F401
from .convolution import Convolution  # noqa: F401
from .dropout import Dropout  # noqa: F401
from .elemwise import (Add, Divide, Maximum, Minimum, Multiply, Power,  # noqa: F401
                       ScalarArithmetic, Subtract)
from .fully_connected import FullyConnected  # noqa: F401
from .indexing import GetItem, OneHot, Pick, Where  # noqa: F401
from .matrix import BatchDot, Dot, MatMul  # noqa: F401
from .pooling import Pooling  # noqa: F401
from .reduce import ArgReduce, Reduce  # noqa: F401
from .shape import Concat, ExpandDims, Flatten, Reshape, Stack, Transpose  # noqa: F401
from .softmax import Softmax  # noqa: F401
from .softmax_output import SoftmaxOutput  # noqa: F401
from .unary import Clip, Unary  # noqa: F401
