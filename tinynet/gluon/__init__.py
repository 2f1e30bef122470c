"""Gluon: MXNet's imperative layer API on tinynet's NDArrays (`from tinynet import gluon`).

block.py (Block, HybridBlock, SymbolBlock) and parameter.py are the machinery; nn/ the layers;
loss.py, trainer.py and utils.py what a training loop uses.
"""
from . import data, loss, model_zoo, nn, rnn, utils  # noqa: F401
from .block import Block, HybridBlock, SymbolBlock  # noqa: F401
from .parameter import Constant, DeferredInitializationError, Parameter, ParameterDict  # noqa: F401
from .trainer import Trainer  # noqa: F401
