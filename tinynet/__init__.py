"""tinynet: a deep-learning framework in NumPy (CuPy on a GPU) with MXNet 1.x's symbol/Module API.

    import tinynet as mx      # the MXNet MNIST tutorial runs with only this line changed

Layers, bottom up: backend (NumPy or CuPy) -> engine (autograd's tape and backward walk) -> ops
(forward + backward) -> symbol (graphs) -> executor (graphs bound to arrays) -> module (the training
loop).
"""
__version__ = '0.1.0'

from . import base, backend, context, engine, ops
from . import ndarray
from . import ndarray as nd
from . import autograd
from .backend import Context, cpu, gpu, current_context
from . import symbol
from . import symbol as sym
from . import executor
from . import io, random, initializer, lr_scheduler, optimizer, metric, callback, model
from . import operator
from . import name
from . import attribute
from .attribute import AttrScope
from . import initializer as init
from . import module
from . import module as mod
from . import test_utils
from . import viz
from . import image
from . import monitor
from . import monitor as mon
from . import kvstore
from . import kvstore as kv
from . import gluon
from . import onnx
from . import contrib
from . import runtime
from . import numpy as np
from . import numpy_extension as npx
from . import numpy, numpy_extension  # noqa: F401
from .util import np_shape, np_array, is_np_shape, is_np_array, set_np_shape
from .util import use_np, use_np_shape, use_np_array
from .base import MXNetError  # noqa: F401  (MXNet has it at the top too)
