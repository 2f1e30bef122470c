"""gluon.nn: the layers (basic_layers.py, conv_layers.py)."""
from ..block import Block, HybridBlock, SymbolBlock  # noqa: F401
from .basic_layers import (ELU, GELU, SELU, Activation, BatchNorm, Dense, Dropout,  # noqa: F401
                           Embedding,
                           Flatten, GroupNorm, HybridLambda, HybridSequential, InstanceNorm,
                           Lambda, LayerNorm,
                           LeakyReLU, PReLU, ReflectionPad2D, Sequential, Swish)
from .conv_layers import (AvgPool1D, AvgPool2D, Conv1D, Conv2D, Conv2DTranspose,  # noqa: F401
                          GlobalAvgPool1D,
                          GlobalAvgPool2D, GlobalMaxPool1D, GlobalMaxPool2D, MaxPool1D,
                          MaxPool2D)
