"""gluon.contrib.nn: layers that feed one input to several children (Concurrent,
HybridConcurrent) and the layer that passes its input through (Identity).

    block = HybridConcurrent(axis=1)       # Inception's and DenseNet's branches
    block.add(nn.Conv2D(16, 1), nn.Conv2D(16, 3, padding=1), Identity())
    y = block(x)                           # concat([conv1(x), conv3(x), x], dim=1)
"""
from ... import nn
from ...block import HybridBlock
from .... import ndarray


class Concurrent(nn.Sequential):
    """Gives its input to every child and concatenates their outputs along `axis`
    (default -1). prefix, params: as every Block's."""

    def __init__(self, axis=-1, prefix=None, params=None):
        super().__init__(prefix=prefix, params=params)
        self.axis = axis

    def forward(self, x):
        return ndarray.concat(*[block(x) for block in self.children], dim=self.axis)


class HybridConcurrent(nn.HybridSequential):
    """Concurrent of HybridBlocks, so it can be hybridized: concat of every child's output
    along `axis` (default -1)."""

    def __init__(self, axis=-1, prefix=None, params=None):
        super().__init__(prefix=prefix, params=params)
        self.axis = axis

    def hybrid_forward(self, F, x):
        return F.concat(*[block(x) for block in self.children], dim=self.axis)


class Identity(HybridBlock):
    """Returns its input (a HybridConcurrent branch that keeps x, for residual connections)."""

    def hybrid_forward(self, F, x):
        return x
