"""The ops, one module per family; each keeps forward, backward and shape inference together.

`OPS` maps MXNet's op names (as written in symbol JSON) to their classes.
"""
from .activation import Activation
from .convolution import Convolution
from .fully_connected import FullyConnected
from .pooling import Pooling
from .shape import Flatten
from .softmax_output import SoftmaxOutput

OPS = {cls.__name__: cls for cls in
       (FullyConnected, Convolution, Pooling, Activation, Flatten, SoftmaxOutput)}
