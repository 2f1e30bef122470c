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


class SyncBatchNorm(nn.BatchNorm):
    """MXNet's BatchNorm whose batch statistics are pooled over num_devices GPUs. tinynet trains
    on one device per process, where it is exactly BatchNorm: num_devices None or 1 (the
    defaults on a machine without GPUs) is accepted, more is a NotImplementedError.
    in_channels, momentum (0.9), epsilon (1e-5), center, scale, use_global_stats and the
    initializers: as BatchNorm's."""

    def __init__(self, in_channels=0, num_devices=None, momentum=0.9, epsilon=1e-5, center=True,
                 scale=True, use_global_stats=False, beta_initializer='zeros',
                 gamma_initializer='ones', running_mean_initializer='zeros',
                 running_variance_initializer='ones', **kwargs):
        if num_devices not in (None, 1):
            raise NotImplementedError('SyncBatchNorm(num_devices=%r): statistics pooled across '
                                      'devices are not in tinynet (one device per process); '
                                      'use nn.BatchNorm' % (num_devices,))
        super().__init__(axis=1, momentum=momentum, epsilon=epsilon, center=center, scale=scale,
                         use_global_stats=use_global_stats, beta_initializer=beta_initializer,
                         gamma_initializer=gamma_initializer,
                         running_mean_initializer=running_mean_initializer,
                         running_variance_initializer=running_variance_initializer,
                         in_channels=in_channels, **kwargs)


class SparseEmbedding(HybridBlock):
    """MXNet's Embedding with a row_sparse weight and gradient: refused (sparse storage is
    outside tinynet's scope); nn.Embedding computes the same values densely."""

    def __init__(self, input_dim, output_dim, dtype='float32', weight_initializer=None,
                 **kwargs):
        raise NotImplementedError('contrib.nn.SparseEmbedding: row_sparse weights are outside '
                                  "tinynet's scope (every array is dense); use nn.Embedding, "
                                  'which gives the same values')


def _factors(factor, n, layer):
    factors = (int(factor),) * n if isinstance(factor, int) else tuple(int(f) for f in factor)
    if len(factors) != n or min(factors) < 1:
        raise ValueError('%s: factor must be a positive int or %d of them, got %r'
                         % (layer, n, factor))
    return factors


class PixelShuffle1D(HybridBlock):
    """PixelShuffle1D(factor): (N, f C, W) -> (N, C, W f), each group of f channels spread
    along the width (sub-pixel upsampling)."""

    def __init__(self, factor):
        super().__init__()
        self._factor = _factors(factor, 1, 'PixelShuffle1D')[0]

    def hybrid_forward(self, F, x):
        f = self._factor
        x = F.reshape(x, (0, -4, -1, f, 0))          # (N, C, f, W)
        x = F.transpose(x, (0, 1, 3, 2))             # (N, C, W, f)
        return F.reshape(x, (0, 0, -3))              # (N, C, W f)

    def __repr__(self):
        return 'PixelShuffle1D(%d)' % self._factor


class PixelShuffle2D(HybridBlock):
    """PixelShuffle2D(factor): (N, f1 f2 C, H, W) -> (N, C, H f1, W f2); factor an int or a
    pair (f1, f2)."""

    def __init__(self, factor):
        super().__init__()
        self._factors = _factors(factor, 2, 'PixelShuffle2D')

    def hybrid_forward(self, F, x):
        f1, f2 = self._factors
        x = F.reshape(x, (0, -4, -1, f1 * f2, 0, 0))     # (N, C, f1 f2, H, W)
        x = F.reshape(x, (0, 0, -4, f1, f2, 0, 0))       # (N, C, f1, f2, H, W)
        x = F.transpose(x, (0, 1, 4, 2, 5, 3))           # (N, C, H, f1, W, f2)
        return F.reshape(x, (0, 0, -3, -3))              # (N, C, H f1, W f2)

    def __repr__(self):
        return 'PixelShuffle2D(%s)' % (self._factors,)


class PixelShuffle3D(HybridBlock):
    """PixelShuffle3D(factor): (N, f1 f2 f3 C, D, H, W) -> (N, C, D f1, H f2, W f3); factor an
    int or three. The same reshapes as MXNet's, which keep its transposes within 6 axes."""

    def __init__(self, factor):
        super().__init__()
        self._factors = _factors(factor, 3, 'PixelShuffle3D')

    def hybrid_forward(self, F, x):
        f1, f2, f3 = self._factors
        x = F.reshape(x, (0, -4, -1, f1 * f2 * f3, 0, 0, 0))   # (N, C, f1 f2 f3, D, H, W)
        x = F.swapaxes(x, 2, 3)                                # (N, C, D, f1 f2 f3, H, W)
        x = F.reshape(x, (0, 0, 0, -4, f1, f2 * f3, 0, 0))     # (N, C, D, f1, f2 f3, H, W)
        x = F.reshape(x, (0, 0, -3, 0, 0, 0))                  # (N, C, D f1, f2 f3, H, W)
        x = F.swapaxes(x, 3, 4)                                # (N, C, D f1, H, f2 f3, W)
        x = F.reshape(x, (0, 0, 0, 0, -4, f2, f3, 0))          # (N, C, D f1, H, f2, f3, W)
        x = F.reshape(x, (0, 0, 0, -3, 0, 0))                  # (N, C, D f1, H f2, f3, W)
        x = F.swapaxes(x, 4, 5)                                # (N, C, D f1, H f2, W, f3)
        return F.reshape(x, (0, 0, 0, 0, -3))                  # (N, C, D f1, H f2, W f3)

    def __repr__(self):
        return 'PixelShuffle3D(%s)' % (self._factors,)
