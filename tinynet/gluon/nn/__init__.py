"""gluon.nn: the layers (basic_layers.py, conv_layers.py)."""
from ..block import Block, HybridBlock, SymbolBlock  # noqa: F401
from .basic_layers import (ELU, GELU, SELU, Activation, BatchNorm, Dense, Dropout,  # noqa: F401
                           Embedding,
                           Flatten, GroupNorm, HybridLambda, HybridSequential, InstanceNorm,
                           Lambda, LayerNorm,
                           LeakyReLU, PReLU, ReflectionPad2D, Sequential, Swish)
from .conv_layers import (AvgPool2D, Conv2D, GlobalAvgPool2D, GlobalMaxPool2D,  # noqa: F401
                          MaxPool2D)
