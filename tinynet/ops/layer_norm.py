"""LayerNorm, InstanceNorm and GroupNorm: normalise each sample on its own (no batch statistics,
so training and prediction compute the same thing), then scale and shift.

The three differ only in which values share a mean and variance, and along which axis gamma and
beta run. With S the set of axes the statistics are taken over and n the number of values in it:

    mu = mean_S(x),  var = mean_S((x - mu)^2)   (biased),   xhat = (x - mu) / sqrt(var + eps)
    y = gamma xhat + beta
    backward:  dbeta = sum(dy),  dgamma = sum(dy xhat)   (over every axis but gamma's)
               dxhat = dy gamma,
               dx = (dxhat - mean_S(dxhat) - xhat mean_S(dxhat xhat)) / sqrt(var + eps)

    LayerNorm(axis=-1, eps=1e-5)   S = {axis};  gamma, beta of shape (x.shape[axis],)
    InstanceNorm(eps=1e-3)         x (N, C, ...): S = the axes after C;  gamma, beta (C,)
    GroupNorm(num_groups=1, eps=1e-5)   x (N, C, ...) seen as (N, G, C/G, ...): S = every axis
                                   after G;  gamma, beta (G,): one per group, as MXNet 1.9.1
                                   (its GroupNorm scales groups, not channels)
Defaults are MXNet's operators' (Gluon's LayerNorm, InstanceNorm and GroupNorm pass eps=1e-5).
"""
from ..base import InvalidArgumentError
from .attrs import Attr
from .base import Op


class _SampleNorm(Op):
    """The shared formulas. A subclass says how x is viewed (`_view`: the shape the statistics
    are taken in, the axes S of that view, and the axis gamma runs along)."""
    arguments = ('data', 'gamma', 'beta')

    def check(self):
        if self.eps <= 0:
            raise InvalidArgumentError("%s: argument 'eps' must be positive, got %r"
                                       % (self, self.eps))
        if getattr(self, 'output_mean_var', False):
            raise InvalidArgumentError("%s: argument 'output_mean_var' is not supported" % self)

    def infer_shape(self, in_shapes):
        data = in_shapes[0]
        if data is None:        # the parameters still share one 1-D shape
            first = next((s for s in in_shapes[1:] if s is not None), (None,))
            return self.check_param_shapes(in_shapes, [(first[0],)] * (len(in_shapes) - 1))
        view, _, axis = self._view(tuple(data))
        params = (view[axis],)
        for arg, given in zip(self.arguments[1:], in_shapes[1:]):
            self.check_shape(arg, given, params, data)
        return [data, params, params], [data]

    def forward(self, xp, inputs, record):
        x, gamma, beta = inputs
        view, axes, axis = self._view(x.shape)
        xv = x.reshape(view)
        shape = tuple(n if a == axis else 1 for a, n in enumerate(view))   # gamma broadcast
        mu = xv.mean(axis=axes, keepdims=True)
        var = ((xv - mu) ** 2).mean(axis=axes, keepdims=True)
        inv_std = 1 / xp.sqrt(var + x.dtype.type(self.eps))
        xhat = (xv - mu) * inv_std                         # xhat = (x - mu) / sqrt(var + eps)
        y = gamma.reshape(shape) * xhat + beta.reshape(shape)     # y = gamma xhat + beta
        return [y.reshape(x.shape)], ((xhat, inv_std, gamma, view, axes, axis) if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        xhat, inv_std, gamma, view, axes, axis = saved
        dy = out_grads[0].reshape(view)
        others = tuple(a for a in range(len(view)) if a != axis)
        dbeta = dy.sum(axis=others)                                       # sum(dy)
        dgamma = (dy * xhat).sum(axis=others)                             # sum(dy xhat)
        dxhat = dy * gamma.reshape(tuple(n if a == axis else 1 for a, n in enumerate(view)))
        dx = (dxhat - dxhat.mean(axis=axes, keepdims=True)
              - xhat * (dxhat * xhat).mean(axis=axes, keepdims=True)) * inv_std
        return [dx.reshape(out_grads[0].shape), dgamma, dbeta]


class LayerNorm(_SampleNorm):
    attrs = (Attr('axis', 'int', -1, 'the axis normalised (and the one gamma and beta run '
                  'along)'),
             Attr('eps', 'float', 1e-5, 'added to the variance'),
             Attr('output_mean_var', 'bool', False, 'also output mean and standard deviation; '
                  'only False is supported'))

    def _view(self, shape):
        if not -len(shape) <= self.axis < len(shape):
            raise InvalidArgumentError("%s: argument 'axis' %d is not an axis of data of shape %s"
                                       % (self, self.axis, shape))
        axis = self.axis % len(shape)
        return shape, (axis,), axis


class InstanceNorm(_SampleNorm):
    attrs = (Attr('eps', 'float', 1e-3, 'added to the variance'),)

    def _view(self, shape):
        if len(shape) < 3:
            raise InvalidArgumentError('%s: data must be (N, C, ...) with at least one axis after '
                                       'the channels, got shape %s' % (self, shape))
        return shape, tuple(range(2, len(shape))), 1


class GroupNorm(_SampleNorm):
    attrs = (Attr('num_groups', 'int', 1, 'how many groups the channels are split into',
                  minimum=1),
             Attr('eps', 'float', 1e-5, 'added to the variance'),
             Attr('output_mean_var', 'bool', False, 'also output mean and standard deviation; '
                  'only False is supported'))

    def _view(self, shape):
        if len(shape) < 2 or shape[1] % self.num_groups:
            raise InvalidArgumentError("%s: the channels (axis 1 of data of shape %s) must split "
                                       "into num_groups=%d equal groups"
                                       % (self, shape, self.num_groups))
        view = (shape[0], self.num_groups, shape[1] // self.num_groups) + tuple(shape[2:])
        return view, tuple(range(2, len(view))), 1
