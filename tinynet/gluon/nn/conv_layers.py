"""Gluon's 2-D convolution and pooling layers, on the Convolution and Pooling ops (NCHW)."""
from ... import initializer as _initializer
from ..block import HybridBlock


def _pair(value, what, layer):
    value = (value, value) if isinstance(value, int) else tuple(value)
    if len(value) != 2 or not all(isinstance(v, int) for v in value):
        raise ValueError('%s: %s must be an int or a pair of ints, got %r' % (layer, what, value))
    return value


class Conv2D(HybridBlock):
    """y = activation(conv(x, W) + b), x (N, C, H, W), W (channels, C, KH, KW).

    in_channels 0 (default): learnt at the first forward."""
    alias = 'conv'

    def __init__(self, channels, kernel_size, strides=(1, 1), padding=(0, 0), dilation=(1, 1),
                 groups=1, layout='NCHW', activation=None, use_bias=True, weight_initializer=None,
                 bias_initializer='zeros', in_channels=0, **kwargs):
        super().__init__(**kwargs)
        if layout != 'NCHW':
            raise ValueError("Conv2D: only layout 'NCHW' is supported, got %r" % (layout,))
        if groups != 1:
            raise ValueError('Conv2D: groups other than 1 are not supported, got %r' % (groups,))
        self._channels = channels
        self._kernel = _pair(kernel_size, 'kernel_size', 'Conv2D')
        self._strides = _pair(strides, 'strides', 'Conv2D')
        self._padding = _pair(padding, 'padding', 'Conv2D')
        self._dilation = _pair(dilation, 'dilation', 'Conv2D')
        self._activation = activation
        with self.name_scope():
            self.weight = self.params.get('weight', shape=(channels, in_channels) + self._kernel,
                                          init=weight_initializer, allow_deferred_init=True)
            self.bias = self.params.get('bias', shape=(channels,), init=bias_initializer,
                                        allow_deferred_init=True) if use_bias else None
        if use_bias and isinstance(bias_initializer, str):
            self.bias.init = _initializer.create(bias_initializer)

    def hybrid_forward(self, F, x, weight, bias=None):
        y = F.Convolution(x, weight, bias, kernel=self._kernel, stride=self._strides,
                          pad=self._padding, dilate=self._dilation, num_filter=self._channels,
                          no_bias=bias is None, name=self.op_name('fwd'))
        if self._activation is not None:
            y = F.Activation(y, act_type=self._activation,
                             name=self.op_name(self._activation + '_fwd'))
        return y

    def __repr__(self):
        in_channels = self.weight.shape[1] if self.weight.shape[1] else None
        extra = '' if self._activation is None else ', Activation(%s)' % self._activation
        return 'Conv2D(%s -> %d, kernel_size=%s, stride=%s%s)' % (
            in_channels, self._channels, self._kernel, self._strides, extra)


class _Pool2D(HybridBlock):
    alias = 'pool'
    pool_type = 'max'
    global_pool = False

    def __init__(self, pool_size=(2, 2), strides=None, padding=0, ceil_mode=False, layout='NCHW',
                 count_include_pad=True, **kwargs):
        super().__init__(**kwargs)
        name = type(self).__name__
        if layout != 'NCHW':
            raise ValueError("%s: only layout 'NCHW' is supported, got %r" % (name, layout))
        self._kernel = _pair(pool_size, 'pool_size', name)
        self._strides = self._kernel if strides is None else _pair(strides, 'strides', name)
        self._padding = _pair(padding, 'padding', name)
        self._ceil_mode = ceil_mode
        self._count_include_pad = count_include_pad

    def hybrid_forward(self, F, x):
        return F.Pooling(x, kernel=self._kernel, stride=self._strides, pad=self._padding,
                         pool_type=self.pool_type, global_pool=self.global_pool,
                         pooling_convention='full' if self._ceil_mode else 'valid',
                         count_include_pad=self._count_include_pad, name=self.op_name('fwd'))

    def __repr__(self):
        return ('%s(size=%s, stride=%s, padding=%s, ceil_mode=%s, global_pool=%s, pool_type=%s, '
                'layout=NCHW)' % (type(self).__name__, self._kernel, self._strides, self._padding,
                                  self._ceil_mode, self.global_pool, self.pool_type))


class MaxPool2D(_Pool2D):
    """MaxPool2D(pool_size=(2, 2), strides=None, padding=0, ceil_mode=False, layout='NCHW'): the
    maximum of each pool_size window (strides default to pool_size, as MXNet's); ceil_mode=True
    rounds the output size up ('full' convention). The gradient goes to the first maximum of each
    window."""
    pool_type = 'max'


class AvgPool2D(_Pool2D):
    """AvgPool2D(pool_size=(2, 2), strides=None, padding=0, ceil_mode=False, layout='NCHW',
    count_include_pad=True): the mean of each window (strides default to pool_size);
    count_include_pad counts padded cells in the mean."""
    pool_type = 'avg'


class GlobalMaxPool2D(_Pool2D):
    """GlobalMaxPool2D(layout='NCHW'): (N, C, H, W) -> (N, C, 1, 1), each channel's maximum."""
    pool_type, global_pool = 'max', True

    def __init__(self, layout='NCHW', **kwargs):
        super().__init__(pool_size=(1, 1), layout=layout, **kwargs)


class GlobalAvgPool2D(_Pool2D):
    """GlobalAvgPool2D(layout='NCHW'): (N, C, H, W) -> (N, C, 1, 1), each channel's mean."""
    pool_type, global_pool = 'avg', True

    def __init__(self, layout='NCHW', **kwargs):
        super().__init__(pool_size=(1, 1), layout=layout, **kwargs)
