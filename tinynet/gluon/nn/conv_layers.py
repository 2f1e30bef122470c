"""Gluon's 2-D (NCHW) and 1-D (NCW) convolution and pooling layers, on the Convolution and
Pooling ops (a 1-D layer gives the op a kernel of one number: it runs as 2-D of height 1)."""
from ... import initializer as _initializer
from ..block import HybridBlock


def _ints(value, n, what, layer):
    """An int or a tuple of n ints, as a tuple of n ints."""
    value = (value,) * n if isinstance(value, int) else tuple(value)
    if len(value) != n or not all(isinstance(v, int) for v in value):
        raise ValueError('%s: %s must be an int or %d ints, got %r' % (layer, what, n, value))
    return value


def _check_layout(layer, layout):
    if layout not in (None, layer.layout_name):
        raise ValueError("%s: only layout %r is supported, got %r"
                         % (type(layer).__name__, layer.layout_name, layout))


class _Conv(HybridBlock):
    """What Conv1D and Conv2D share: y = activation(conv(x, W) + b)."""
    alias = 'conv'
    ndim, layout_name = 2, 'NCHW'

    transposed = False      # Conv2DTranspose: the Deconvolution op, weight (in, out, K...)

    def __init__(self, channels, kernel_size, strides=1, padding=0, dilation=1, groups=1,
                 layout=None, activation=None, use_bias=True, weight_initializer=None,
                 bias_initializer='zeros', in_channels=0, output_padding=0, **kwargs):
        super().__init__(**kwargs)
        name = type(self).__name__
        _check_layout(self, layout)
        if not isinstance(groups, int) or groups < 1 or channels % groups or \
                in_channels % groups:
            raise ValueError('%s: groups must be a positive int dividing channels (%d) and '
                             'in_channels (%d), got %r' % (name, channels, in_channels, groups))
        self._channels, self._groups = channels, groups
        self._kernel = _ints(kernel_size, self.ndim, 'kernel_size', name)
        self._strides = _ints(strides, self.ndim, 'strides', name)
        self._padding = _ints(padding, self.ndim, 'padding', name)
        self._dilation = _ints(dilation, self.ndim, 'dilation', name)
        self._output_padding = _ints(output_padding, self.ndim, 'output_padding', name)
        self._activation = activation
        shape = (in_channels, channels // groups) if self.transposed else \
            (channels, in_channels // groups)
        with self.name_scope():
            self.weight = self.params.get('weight', shape=shape + self._kernel,
                                          init=weight_initializer, allow_deferred_init=True)
            self.bias = self.params.get('bias', shape=(channels,), init=bias_initializer,
                                        allow_deferred_init=True) if use_bias else None
        if use_bias and isinstance(bias_initializer, str):
            self.bias.init = _initializer.create(bias_initializer)

    def hybrid_forward(self, F, x, weight, bias=None):
        if self.transposed:
            y = F.Deconvolution(x, weight, bias, kernel=self._kernel, stride=self._strides,
                                pad=self._padding, adj=self._output_padding,
                                dilate=self._dilation, num_filter=self._channels,
                                num_group=self._groups, no_bias=bias is None,
                                name=self.op_name('fwd'))
        else:
            y = F.Convolution(x, weight, bias, kernel=self._kernel, stride=self._strides,
                              pad=self._padding, dilate=self._dilation,
                              num_filter=self._channels, num_group=self._groups,
                              no_bias=bias is None, name=self.op_name('fwd'))
        if self._activation is not None:
            y = F.Activation(y, act_type=self._activation,
                             name=self.op_name(self._activation + '_fwd'))
        return y

    def __repr__(self):
        """MXNet's: padding and dilation only when not the defaults, bias=False without one."""
        shape = self.weight.shape       # MXNet shows shape[1] -> shape[0], transposed or not
        text = '%s(%s -> %d, kernel_size=%s, stride=%s' % (
            type(self).__name__, shape[1] if shape[1] else None, shape[0], self._kernel,
            self._strides)
        if self._padding != (0,) * self.ndim:
            text += ', padding=%s' % (self._padding,)
        if self._dilation != (1,) * self.ndim:
            text += ', dilation=%s' % (self._dilation,)
        if self._groups != 1:
            text += ', groups=%d' % self._groups
        if self.bias is None:
            text += ', bias=False'
        if self._activation is not None:
            text += ', Activation(%s)' % self._activation
        return text + ')'


class Conv2D(_Conv):
    """y = activation(conv(x, W) + b), x (N, C, H, W), W (channels, C, KH, KW).

    Conv2D(channels, kernel_size, strides=(1, 1), padding=(0, 0), dilation=(1, 1), groups=1,
    layout='NCHW', activation=None, use_bias=True, weight_initializer=None,
    bias_initializer='zeros', in_channels=0): in_channels 0 (default) is learnt at the first
    forward."""
    ndim, layout_name = 2, 'NCHW'


class Conv1D(_Conv):
    """y = activation(conv(x, W) + b) along the last axis, x (N, C, W), W (channels, C, K).

    Conv1D(channels, kernel_size, strides=1, padding=0, dilation=1, groups=1, layout='NCW',
    activation=None, use_bias=True, weight_initializer=None, bias_initializer='zeros',
    in_channels=0): in_channels 0 (default) is learnt at the first forward."""
    ndim, layout_name = 1, 'NCW'


class Conv2DTranspose(_Conv):
    """The transposed convolution (the Deconvolution op): x (N, C, H, W) -> (N, channels, OH, OW),
    OH = (H - 1) strides - 2 padding + dilation (KH - 1) + 1 + output_padding; W (C, channels,
    KH, KW). It upsamples: strides=2 roughly doubles the image (DCGAN's generator).

    Conv2DTranspose(channels, kernel_size, strides=(1, 1), padding=(0, 0),
    output_padding=(0, 0), dilation=(1, 1), groups=1, layout='NCHW', activation=None,
    use_bias=True, weight_initializer=None, bias_initializer='zeros', in_channels=0)."""
    ndim, layout_name = 2, 'NCHW'
    transposed = True


class _Pool(HybridBlock):
    """What the pooling layers share: F.Pooling with the layer's window."""
    alias = 'pool'
    pool_type = 'max'
    global_pool = False
    ndim, layout_name = 2, 'NCHW'

    def __init__(self, pool_size=2, strides=None, padding=0, ceil_mode=False, layout=None,
                 count_include_pad=True, **kwargs):
        super().__init__(**kwargs)
        name = type(self).__name__
        _check_layout(self, layout)
        self._kernel = _ints(pool_size, self.ndim, 'pool_size', name)
        self._strides = self._kernel if strides is None else \
            _ints(strides, self.ndim, 'strides', name)
        self._padding = _ints(padding, self.ndim, 'padding', name)
        self._ceil_mode = ceil_mode
        self._count_include_pad = count_include_pad

    def hybrid_forward(self, F, x):
        return F.Pooling(x, kernel=self._kernel, stride=self._strides, pad=self._padding,
                         pool_type=self.pool_type, global_pool=self.global_pool,
                         pooling_convention='full' if self._ceil_mode else 'valid',
                         count_include_pad=self._count_include_pad, name=self.op_name('fwd'))

    def __repr__(self):
        return ('%s(size=%s, stride=%s, padding=%s, ceil_mode=%s, global_pool=%s, pool_type=%s, '
                'layout=%s)' % (type(self).__name__, self._kernel, self._strides, self._padding,
                                self._ceil_mode, self.global_pool, self.pool_type,
                                self.layout_name))


class _Pool2D(_Pool):
    ndim, layout_name = 2, 'NCHW'


class _Pool1D(_Pool):
    ndim, layout_name = 1, 'NCW'


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


class MaxPool1D(_Pool1D):
    """MaxPool1D(pool_size=2, strides=None, padding=0, ceil_mode=False, layout='NCW'): the
    maximum of each window along the last axis of (N, C, W)."""
    pool_type = 'max'


class AvgPool1D(_Pool1D):
    """AvgPool1D(pool_size=2, strides=None, padding=0, ceil_mode=False, layout='NCW',
    count_include_pad=True): the mean of each window along the last axis of (N, C, W)."""
    pool_type = 'avg'


class GlobalMaxPool2D(_Pool2D):
    """GlobalMaxPool2D(layout='NCHW'): (N, C, H, W) -> (N, C, 1, 1), each channel's maximum."""
    pool_type, global_pool = 'max', True

    def __init__(self, layout='NCHW', **kwargs):
        super().__init__(pool_size=1, ceil_mode=True, layout=layout, **kwargs)   # as MXNet


class GlobalAvgPool2D(_Pool2D):
    """GlobalAvgPool2D(layout='NCHW'): (N, C, H, W) -> (N, C, 1, 1), each channel's mean."""
    pool_type, global_pool = 'avg', True

    def __init__(self, layout='NCHW', **kwargs):
        super().__init__(pool_size=1, ceil_mode=True, layout=layout, **kwargs)   # as MXNet


class GlobalMaxPool1D(_Pool1D):
    """GlobalMaxPool1D(layout='NCW'): (N, C, W) -> (N, C, 1), each channel's maximum."""
    pool_type, global_pool = 'max', True

    def __init__(self, layout='NCW', **kwargs):
        super().__init__(pool_size=1, ceil_mode=True, layout=layout, **kwargs)   # as MXNet


class GlobalAvgPool1D(_Pool1D):
    """GlobalAvgPool1D(layout='NCW'): (N, C, W) -> (N, C, 1), each channel's mean."""
    pool_type, global_pool = 'avg', True

    def __init__(self, layout='NCW', **kwargs):
        super().__init__(pool_size=1, ceil_mode=True, layout=layout, **kwargs)   # as MXNet
