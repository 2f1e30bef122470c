"""The ops, one module per family; each keeps forward, backward and shape inference together.

`OPS` maps MXNet's op names (as written in symbol JSON) to the classes that symbols build; `mx.nd`
calls these and the array ops (elemwise, unary, reduce, matrix, shape, indexing, softmax) directly.
`fast.py` holds the named fast paths the ops call, `windows.py` the window machinery of
Convolution and Pooling.
"""
from .activation import Activation
from .batch_norm import BatchNorm
from .convolution import Convolution
from .dropout import Dropout
from .elemwise import (Add, Compare, Divide, Maximum, Minimum, Multiply, Power,  # noqa: F401
                       ScalarArithmetic, Subtract)
from .fully_connected import FullyConnected
from .indexing import GetItem, OneHot, Pick, Where  # noqa: F401
from .matrix import BatchDot, Dot, MatMul  # noqa: F401
from .pooling import Pooling
from .reduce import ArgReduce, Reduce  # noqa: F401
from .shape import Concat, ExpandDims, Flatten, Reshape, Stack, Transpose  # noqa: F401
from .softmax import Softmax  # noqa: F401
from .softmax_output import SoftmaxOutput
from .unary import Clip, Unary  # noqa: F401

OPS = {cls.__name__: cls for cls in
       (FullyConnected, Convolution, Pooling, Activation, Flatten, SoftmaxOutput, Dropout,
        BatchNorm,
        # the array ops a HybridBlock's hybrid_forward(F, x) reaches on symbols
        Add, Subtract, Multiply, Divide, Power, Maximum, Minimum, ScalarArithmetic, Unary, Clip,
        Reduce, Reshape, Pick)}
# (Softmax is not here by its class name: MXNet reads "Softmax" as SoftmaxOutput; names.py)

