"""Gluon's basic layers: containers, Dense, Activation, Flatten. Each is a HybridBlock whose
hybrid_forward calls one op of tinynet/ops through F (mx.nd now, or mx.sym when hybridized)."""
from ... import initializer as _initializer
from ..block import Block, HybridBlock
from ...util import is_np_shape


class Sequential(Block):
    """Blocks called one after the other: `net.add(a, b)`; `net[0]`, `len(net)`, iteration."""

    def add(self, *blocks):
        """Append blocks, called in the order added."""
        for block in blocks:
            self.register_child(block)

    def forward(self, x):
        for block in self.children:
            x = block(x)
        return x

    def hybridize(self, active=True, **kwargs):
        """Hybridize the children; a Sequential of HybridBlocks only gets a warning that a
        HybridSequential would run them as one graph (MXNet's)."""
        if self.children and all(isinstance(c, HybridBlock) for c in self.children):
            import warnings
            warnings.warn("All children of this Sequential layer '%s' are HybridBlocks. Consider "
                          "using HybridSequential for the best performance." % self.prefix,
                          stacklevel=2)
        super().hybridize(active, **kwargs)

    def __getitem__(self, key):
        children = list(self.children)
        if isinstance(key, slice):
            net = type(self)(prefix=self.prefix)
            with net.name_scope():
                net.add(*children[key])
            return net
        return children[key]

    def __len__(self):
        return len(self.children)

    def __iter__(self):
        return iter(self.children)


class HybridSequential(HybridBlock):
    """Sequential whose children are HybridBlocks, so the whole stack can be hybridized."""

    def add(self, *blocks):
        """Append HybridBlocks, called in the order added (a block that is not one is refused). Adding
        to a hybridized block drops its traced graph."""
        for block in blocks:
            if not isinstance(block, HybridBlock):
                raise TypeError('HybridSequential.add: %s is not a HybridBlock; use Sequential'
                                % type(block).__name__)
            self.register_child(block)

    def hybrid_forward(self, F, x):
        for block in self.children:
            x = block(x)
        return x

    __getitem__ = Sequential.__getitem__
    __len__ = Sequential.__len__
    __iter__ = Sequential.__iter__


def _activation_name(activation):
    return 'linear' if activation is None else 'Activation(%s)' % activation


class Dense(HybridBlock):
    """y = activation(x W^T + b): FullyConnected, then the activation if one is named.

    units: the output size. in_units: the input size, 0 (default) to learn it at the first
    forward. flatten (default True): inputs of more than 2 axes are flattened to (N, -1) first."""
    alias = 'dense'

    def __init__(self, units, activation=None, use_bias=True, flatten=True, dtype='float32',
                 weight_initializer=None, bias_initializer='zeros', in_units=0, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(units, int) or isinstance(units, bool) or units < 0:
            raise ValueError('Dense: units must be a non-negative int, got %r' % (units,))
        self._units, self._flatten = units, flatten
        self._activation = activation
        with self.name_scope():
            self.weight = self.params.get('weight', shape=(units, in_units),
                                          init=weight_initializer, dtype=dtype,
                                          allow_deferred_init=True)
            self.bias = self.params.get('bias', shape=(units,), init=bias_initializer,
                                        dtype=dtype, allow_deferred_init=True) if use_bias else None
        if use_bias and isinstance(bias_initializer, str):
            self.bias.init = _initializer.create(bias_initializer)

    def hybrid_forward(self, F, x, weight, bias=None):
        y = F.FullyConnected(x, weight, bias, no_bias=bias is None, num_hidden=self._units,
                             flatten=self._flatten, name=self.op_name('fwd'))
        if self._activation is not None:
            y = F.Activation(y, act_type=self._activation,
                             name=self.op_name(self._activation + '_fwd'))
        return y

    def __repr__(self):
        in_units = self.weight.shape[1] if self.weight.shape and self.weight.shape[1] else (
            -1 if is_np_shape() else None)                 # MXNet's way of saying "not known"
        return 'Dense(%s -> %d, %s)' % (in_units, self._units, _activation_name(self._activation))


class Activation(HybridBlock):
    """Activation(activation): the elementwise function `activation` ('relu', 'sigmoid', 'tanh',
    'softrelu', 'softsign') as a layer."""
    def __init__(self, activation, **kwargs):
        self._act_type = activation          # before Block.__init__, which asks _alias()
        super().__init__(**kwargs)

    def _alias(self):
        """Named after its function: relu0_, as MXNet's."""
        return self._act_type

    def hybrid_forward(self, F, x):
        return F.Activation(x, act_type=self._act_type, name=self.op_name('fwd'))

    def __repr__(self):
        return 'Activation(%s)' % self._act_type


class LeakyReLU(HybridBlock):
    """LeakyReLU(alpha): y = x for x > 0, alpha x otherwise (MXNet's; alpha >= 0)."""

    def __init__(self, alpha, **kwargs):
        if alpha < 0:
            raise ValueError('LeakyReLU: alpha must be >= 0, got %r' % (alpha,))
        super().__init__(**kwargs)
        self._alpha = alpha

    def hybrid_forward(self, F, x):
        return F.LeakyReLU(x, act_type='leaky', slope=self._alpha, name=self.op_name('fwd'))

    def __repr__(self):
        return 'LeakyReLU(%s)' % self._alpha


class PReLU(HybridBlock):
    """PReLU(alpha_initializer=Constant(0.25), in_channels=1): y = x for x > 0, alpha x otherwise,
    alpha learned (one per channel with in_channels > 1, MXNet's defaults)."""

    def __init__(self, alpha_initializer=None, in_channels=1, **kwargs):
        super().__init__(**kwargs)
        with self.name_scope():
            self.alpha = self.params.get('alpha', shape=(in_channels,),
                                         init=alpha_initializer or _initializer.Constant(0.25))

    def hybrid_forward(self, F, x, alpha):
        return F.LeakyReLU(x, alpha, act_type='prelu', name=self.op_name('fwd'))


class ELU(HybridBlock):
    """ELU(alpha=1.0): y = x for x > 0, alpha (e^x - 1) otherwise."""

    def __init__(self, alpha=1.0, **kwargs):
        super().__init__(**kwargs)
        self._alpha = alpha

    def hybrid_forward(self, F, x):
        return F.LeakyReLU(x, act_type='elu', slope=self._alpha, name=self.op_name('fwd'))


class SELU(HybridBlock):
    """SELU(): lambda (x for x > 0, alpha (e^x - 1) otherwise), MXNet's fixed alpha and lambda."""

    def hybrid_forward(self, F, x):
        return F.LeakyReLU(x, act_type='selu', name=self.op_name('fwd'))


class GELU(HybridBlock):
    """GELU(): y = x Phi(x), Phi the standard normal's distribution function (the exact form,
    with erf, as MXNet's)."""

    def hybrid_forward(self, F, x):
        return F.LeakyReLU(x, act_type='gelu', name=self.op_name('fwd'))


class Embedding(HybridBlock):
    """Embedding(input_dim, output_dim): row x[i] of a learned table (input_dim, output_dim)
    for each index in x; y has x's shape + (output_dim,). dtype default 'float32';
    weight_initializer default None (the global initializer); sparse_grad (default False):
    MXNet's row_sparse gradient, computed dense here (the same values)."""
    alias = 'embedding'

    def __init__(self, input_dim, output_dim, dtype='float32', weight_initializer=None,
                 sparse_grad=False, **kwargs):
        super().__init__(**kwargs)
        self._kwargs = {'input_dim': input_dim, 'output_dim': output_dim, 'dtype': dtype,
                        'sparse_grad': sparse_grad}
        with self.name_scope():
            self.weight = self.params.get('weight', shape=(input_dim, output_dim),
                                          init=weight_initializer, dtype=dtype,
                                          allow_deferred_init=True)

    def hybrid_forward(self, F, x, weight):
        return F.Embedding(x, weight, name=self.op_name('fwd'), **self._kwargs)

    def __repr__(self):
        return 'Embedding(%d -> %d, %s)' % (self._kwargs['input_dim'], self._kwargs['output_dim'],
                                            self._kwargs['dtype'])


class Swish(HybridBlock):
    """Swish(beta=1.0): y = x sigmoid(beta x)."""

    def __init__(self, beta=1.0, **kwargs):
        super().__init__(**kwargs)
        self._beta = beta

    def hybrid_forward(self, F, x):
        return x * F.sigmoid(self._beta * x)


class Flatten(HybridBlock):
    """Flatten(): (N, d1, d2, ...) -> (N, d1*d2*...), row-major as MXNet's."""
    alias = 'flatten'

    def hybrid_forward(self, F, x):
        return F.Flatten(x, name=self.op_name('fwd'))

    def __repr__(self):
        return 'Flatten'


class Dropout(HybridBlock):
    """Drops each element with probability `rate` in training (autograd.record()), scaling the
    rest by 1 / (1 - rate); the identity in prediction."""
    alias = 'dropout'

    def __init__(self, rate, axes=(), **kwargs):
        super().__init__(**kwargs)
        self._rate, self._axes = rate, tuple(axes)

    def hybrid_forward(self, F, x):
        return F.Dropout(x, p=self._rate, axes=self._axes, name=self.op_name('fwd'))

    def __repr__(self):
        return 'Dropout(p = %s, axes=%s)' % (self._rate, self._axes)


class BatchNorm(HybridBlock):
    """Batch normalisation over `axis` (channels, 1). Gluon's defaults, not the symbol's:
    epsilon=1e-5, gamma learnt (scale=True); the statistics are called running_mean/running_var."""
    alias = 'batchnorm'

    def __init__(self, axis=1, momentum=0.9, epsilon=1e-5, center=True, scale=True,
                 use_global_stats=False, beta_initializer='zeros', gamma_initializer='ones',
                 running_mean_initializer='zeros', running_variance_initializer='ones',
                 in_channels=0, **kwargs):
        super().__init__(**kwargs)
        self._kwargs = {'axis': axis, 'eps': epsilon, 'momentum': momentum,
                        'fix_gamma': not scale, 'use_global_stats': use_global_stats}
        create = _initializer.create
        with self.name_scope():
            self.gamma = self.params.get('gamma', grad_req='write' if scale else 'null',
                                         shape=(in_channels,), init=create(gamma_initializer),
                                         allow_deferred_init=True, differentiable=scale)
            self.beta = self.params.get('beta', grad_req='write' if center else 'null',
                                        shape=(in_channels,), init=create(beta_initializer),
                                        allow_deferred_init=True, differentiable=center)
            self.running_mean = self.params.get('running_mean', grad_req='null',
                                                shape=(in_channels,),
                                                init=create(running_mean_initializer),
                                                allow_deferred_init=True, differentiable=False)
            self.running_var = self.params.get('running_var', grad_req='null',
                                               shape=(in_channels,),
                                               init=create(running_variance_initializer),
                                               allow_deferred_init=True, differentiable=False)

    def hybrid_forward(self, F, x, gamma, beta, running_mean, running_var):
        return F.BatchNorm(x, gamma, beta, running_mean, running_var, name=self.op_name('fwd'),
                           **self._kwargs)

    def __repr__(self):
        channels = self.gamma.shape[0] if self.gamma.shape and self.gamma.shape[0] else None
        return 'BatchNorm(axis=%d, eps=%s, momentum=%s, fix_gamma=%s, use_global_stats=%s, ' \
               'in_channels=%s)' % (self._kwargs['axis'], self._kwargs['eps'],
                                    self._kwargs['momentum'], self._kwargs['fix_gamma'],
                                    self._kwargs['use_global_stats'], channels)


class _SampleNorm(HybridBlock):
    """Shared by LayerNorm, InstanceNorm and GroupNorm: gamma and beta (learnt unless scale /
    center is False, then held at their initial 1 and 0) and the op that normalises."""

    def __init__(self, size, epsilon, center, scale, beta_initializer, gamma_initializer,
                 **kwargs):
        super().__init__(**kwargs)
        self._epsilon, self._center, self._scale = epsilon, center, scale
        create = _initializer.create
        with self.name_scope():
            self.gamma = self.params.get('gamma', grad_req='write' if scale else 'null',
                                         shape=(size,), init=create(gamma_initializer),
                                         allow_deferred_init=True, differentiable=scale)
            self.beta = self.params.get('beta', grad_req='write' if center else 'null',
                                        shape=(size,), init=create(beta_initializer),
                                        allow_deferred_init=True, differentiable=center)


class LayerNorm(_SampleNorm):
    """LayerNorm(axis=-1, epsilon=1e-5, center=True, scale=True, beta_initializer='zeros',
    gamma_initializer='ones', in_channels=0): each sample normalised along `axis` (mean 0,
    variance 1 over that axis), then y = gamma xhat + beta with gamma, beta of that axis's size
    (Ba et al.). The op's formulas: tinynet/ops/layer_norm.py."""
    alias = 'layernorm'

    def __init__(self, axis=-1, epsilon=1e-5, center=True, scale=True, beta_initializer='zeros',
                 gamma_initializer='ones', in_channels=0, **kwargs):
        super().__init__(in_channels, epsilon, center, scale, beta_initializer, gamma_initializer,
                         **kwargs)
        self._axis = axis

    def hybrid_forward(self, F, x, gamma, beta):
        return F.LayerNorm(x, gamma, beta, axis=self._axis, eps=self._epsilon,
                           name=self.op_name('fwd'))

    def __repr__(self):
        return 'LayerNorm(axis=%s, eps=%s, center=%s, scale=%s, in_channels=%s)' % (
            self._axis, self._epsilon, self._center, self._scale, self.gamma.shape[0] or None)


class InstanceNorm(_SampleNorm):
    """InstanceNorm(axis=1, epsilon=1e-5, center=True, scale=False, beta_initializer='zeros',
    gamma_initializer='ones', in_channels=0): each channel of each sample normalised over its
    own pixels (Ulyanov et al.), then y = gamma xhat + beta per channel; `axis` is the channel
    axis. As MXNet, scale=False by default: gamma stays 1."""
    alias = 'instancenorm'

    def __init__(self, axis=1, epsilon=1e-5, center=True, scale=False, beta_initializer='zeros',
                 gamma_initializer='ones', in_channels=0, **kwargs):
        super().__init__(in_channels, epsilon, center, scale, beta_initializer, gamma_initializer,
                         **kwargs)
        self._axis = axis

    def hybrid_forward(self, F, x, gamma, beta):
        if self._axis == 1:
            return F.InstanceNorm(x, gamma, beta, eps=self._epsilon, name=self.op_name('fwd'))
        x = F.swapaxes(x, dim1=1, dim2=self._axis)
        return F.swapaxes(F.InstanceNorm(x, gamma, beta, eps=self._epsilon,
                                         name=self.op_name('fwd')), dim1=1, dim2=self._axis)

    def __repr__(self):
        return 'InstanceNorm(axis=%s, eps=%s, center=%s, scale=%s, in_channels=%s)' % (
            self._axis, self._epsilon, self._center, self._scale, self.gamma.shape[0] or None)


class GroupNorm(_SampleNorm):
    """GroupNorm(num_groups=1, epsilon=1e-5, center=True, scale=True, beta_initializer='zeros',
    gamma_initializer='ones'): the channels (axis 1) of each sample split into num_groups groups,
    each normalised over its channels and pixels (Wu & He), then scaled and shifted per group: in
    MXNet 1.9.1 gamma and beta have one value per group, shape (num_groups,)."""
    alias = 'groupnorm'

    def __init__(self, num_groups=1, epsilon=1e-5, center=True, scale=True,
                 beta_initializer='zeros', gamma_initializer='ones', **kwargs):
        super().__init__(num_groups, epsilon, center, scale, beta_initializer, gamma_initializer,
                         **kwargs)
        self._num_groups = num_groups

    def hybrid_forward(self, F, x, gamma, beta):
        return F.GroupNorm(x, gamma, beta, num_groups=self._num_groups, eps=self._epsilon,
                           name=self.op_name('fwd'))

    def __repr__(self):
        return 'GroupNorm(num_groups=%s, eps=%s, center=%s, scale=%s)' % (
            self._num_groups, self._epsilon, self._center, self._scale)


class ReflectionPad2D(HybridBlock):
    """ReflectionPad2D(padding=0): an (N, C, H, W) batch with a border of `padding` pixels (an
    int, or 8 numbers as pad's pad_width) mirrored about its edges."""
    alias = 'reflectionpad2d'

    def __init__(self, padding=0, **kwargs):
        super().__init__(**kwargs)
        if isinstance(padding, int):
            padding = (0, 0, 0, 0, padding, padding, padding, padding)
        if len(padding) != 8:
            raise ValueError('ReflectionPad2D: padding must be an int or 8 numbers, got %r'
                             % (padding,))
        self._padding = tuple(padding)

    def hybrid_forward(self, F, x):
        return F.pad(x, mode='reflect', pad_width=self._padding, name=self.op_name('fwd'))

    def __repr__(self):
        return 'ReflectionPad2D(padding=%s)' % (self._padding,)


def _function_name(function):
    return getattr(function, '__name__', type(function).__name__)


class Lambda(Block):
    """Lambda(function): a Block that calls `function` on its inputs: the name of an mx.nd
    function ('tanh') or any callable taking the inputs (`lambda x: nd.LeakyReLU(x, slope=0.1)`)."""

    def __init__(self, function, prefix=None):
        super().__init__(prefix=prefix)
        from ... import ndarray
        if isinstance(function, str):
            if not hasattr(ndarray, function):
                raise ValueError('Lambda: mx.nd has no function %r' % function)
            function = getattr(ndarray, function)
        elif not callable(function):
            raise ValueError('Lambda: function must be an mx.nd function name or a callable, '
                             'got %r of type %s' % (function, type(function).__name__))
        self._func_impl = function

    def forward(self, *args):
        return self._func_impl(*args)

    def __repr__(self):
        return 'Lambda(%s)' % _function_name(self._func_impl)


class HybridLambda(HybridBlock):
    """HybridLambda(function): a HybridBlock that calls `function`: the name of a function that
    both mx.nd and mx.sym have ('tanh'), or a callable `function(F, x, *args)` (F is mx.nd, or
    mx.sym when hybridized)."""

    def __init__(self, function, prefix=None):
        super().__init__(prefix=prefix)
        from ... import ndarray, symbol
        if isinstance(function, str):
            if not (hasattr(ndarray, function) and hasattr(symbol, function)):
                raise ValueError('HybridLambda: %r is not a function of both mx.nd and mx.sym'
                                 % function)
            name = function
            self._func = lambda F, *args: getattr(F, name)(*args)
            self._func_name = function
        elif callable(function):
            self._func, self._func_name = function, _function_name(function)
        else:
            raise ValueError('HybridLambda: function must be a function name or a callable, got '
                             '%r of type %s' % (function, type(function).__name__))

    def hybrid_forward(self, F, x, *args):
        return self._func(F, x, *args)

    def __repr__(self):
        return 'HybridLambda(%s)' % self._func_name
