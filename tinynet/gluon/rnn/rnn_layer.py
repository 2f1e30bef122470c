"""Recurrent layers over whole sequences: rnn.RNN, rnn.LSTM, rnn.GRU (MXNet Gluon's), each one call
of the fused RNN op (ops/rnn.py has the formulas, forward and backward).

    layer = rnn.LSTM(100, num_layers=2)           # hidden size 100
    layer.initialize()
    out = layer(x)                                # x (T, N, C) -> out (T, N, 100)
    out, [h, c] = layer(x, layer.begin_state(batch_size=N))     # and the last states

Parameters, as MXNet names them: `l0_i2h_weight` (G*H, C), `l0_h2h_weight` (G*H, H),
`l0_i2h_bias`, `l0_h2h_bias` (G*H,) for layer 0 (l1_... for the next), `r0_...` for the
right-to-left direction of a bidirectional layer; G = 1 (RNN), 4 (LSTM), 3 (GRU). They are joined
into the op's flat vector on each call, so a gradient reaches each of them.
"""
from ... import ndarray as nd
from ... import symbol as sym
from ...ops.rnn import GATES
from ..block import HybridBlock


class _RNNLayer(HybridBlock):
    """What RNN, LSTM and GRU share: the parameters, the states, the call of the op."""

    def __init__(self, hidden_size, num_layers, layout, dropout, bidirectional, input_size,
                 i2h_weight_initializer, h2h_weight_initializer, i2h_bias_initializer,
                 h2h_bias_initializer, mode, dtype='float32', **kwargs):
        super().__init__(**kwargs)
        name = type(self).__name__
        if layout not in ('TNC', 'NTC'):
            raise ValueError("%s: layout must be 'TNC' or 'NTC', got %r" % (name, layout))
        for arg, value in (('hidden_size', hidden_size), ('num_layers', num_layers)):
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError('%s: %s must be a positive int, got %r' % (name, arg, value))
        if not 0 <= dropout < 1:
            raise ValueError('%s: dropout must be in [0, 1), got %r' % (name, dropout))
        self._hidden_size, self._num_layers, self._layout = hidden_size, num_layers, layout
        self._dropout, self._dir, self._input_size = dropout, 2 if bidirectional else 1, input_size
        self._mode, self._gates = mode, GATES[mode]
        self._order = []          # parameter names in the op's flat order: weights, then biases
        gh = self._gates * hidden_size
        with self.name_scope():
            for kind in ('weight', 'bias'):
                for layer in range(num_layers):
                    width = input_size if layer == 0 else self._dir * hidden_size
                    for d in 'lr'[:self._dir]:
                        for part, shape, init in (
                                ('i2h', (gh, width) if kind == 'weight' else (gh,),
                                 i2h_weight_initializer if kind == 'weight'
                                 else i2h_bias_initializer),
                                ('h2h', (gh, hidden_size) if kind == 'weight' else (gh,),
                                 h2h_weight_initializer if kind == 'weight'
                                 else h2h_bias_initializer)):
                            key = '%s%d_%s_%s' % (d, layer, part, kind)
                            param = self.params.get(key, shape=shape, init=init, dtype=dtype,
                                                    allow_deferred_init=True)
                            setattr(self, key, param)
                            self._order.append(key)

    def __repr__(self):
        width = self._input_size or None
        return '%s(%s -> %d, %s, num_layers=%d%s%s)' % (
            type(self).__name__, width, self._hidden_size, self._layout, self._num_layers,
            ', dropout=%r' % self._dropout if self._dropout else '',
            ', bidirectional' if self._dir == 2 else '')

    def state_info(self, batch_size=0):
        """[{'shape': (num_layers * directions, batch_size, hidden_size), '__layout__': 'LNC'}]
        per state: one (h) for RNN and GRU, two (h, c) for LSTM."""
        shape = (self._num_layers * self._dir, batch_size, self._hidden_size)
        return [{'shape': shape, '__layout__': 'LNC'}] * (2 if self._mode == 'lstm' else 1)

    def begin_state(self, batch_size=0, func=None, **kwargs):
        """The initial states: `func(shape=..., **kwargs)` per state_info entry (default
        mx.nd.zeros; kwargs such as ctx= and dtype= go to it)."""
        func = func or nd.zeros
        return [func(shape=info['shape'], **kwargs) for info in self.state_info(batch_size)]

    def infer_shape(self, x, *args):
        """The input width (a deferred input_size) from the data's last axis."""
        width = x.shape[2]
        for d in 'lr'[:self._dir]:
            param = getattr(self, '%s0_i2h_weight' % d)
            param.shape = (param.shape[0], width)

    def __call__(self, inputs, states=None):
        """layer(x) -> out; layer(x, states) -> (out, new states), states a list (or one array)."""
        if states is None:
            return super().__call__(inputs)
        if isinstance(states, (nd.NDArray, sym.Symbol)):
            states = [states]
        return super().__call__(inputs, *states)

    def forward(self, x, *states):
        if isinstance(x, nd.NDArray) and x.ndim != 3:
            raise ValueError('%s: data must be 3-D (%s), got shape %s'
                             % (self.name, self._layout, x.shape))
        if isinstance(x, sym.Symbol) and states:
            raise NotImplementedError(
                '%s: hybridized with states given: a tinynet symbol node has one output, and '
                'the new states are more; call it without hybridize(), or without states'
                % self.name)
        if isinstance(x, nd.NDArray) and states:       # the graph would give one output only
            params = {key: getattr(self, key).data(x.context) for key in self._order}
            return self.hybrid_forward(nd, x, *states, **params)
        return super().forward(x, *states)

    def hybrid_forward(self, F, x, *states, **params):
        expected = 2 if self._mode == 'lstm' else 1
        if states and len(states) != expected:
            raise ValueError('%s: takes %d state(s) (%s), got %d' % (
                self.name, expected, 'h, c' if expected == 2 else 'h', len(states)))
        if self._layout == 'NTC':
            x = F.swapaxes(x, dim1=0, dim2=1)
        flat = F.concat(*[F.reshape(params[key], shape=(-1,)) for key in self._order], dim=0)
        given = bool(states)
        if not given:     # zeros (layers * directions, N, H), made from x so symbols work too
            first = F.slice_axis(x, axis=0, begin=0, end=1, name=self.op_name('first_step'))
            column = F.zeros_like(F.slice_axis(first, axis=2, begin=0, end=1,
                                               name=self.op_name('begin_state')))  # (1, N, 1)
            states = [F.tile(column, reps=(self._num_layers * self._dir, 1,
                                           self._hidden_size))] * expected
        result = F.RNN(x, flat, *states, state_size=self._hidden_size,
                       num_layers=self._num_layers, bidirectional=self._dir == 2,
                       p=self._dropout, state_outputs=given, mode=self._mode,
                       name=self.op_name('rnn'))
        out = result[0] if given else result
        if self._layout == 'NTC':
            out = F.swapaxes(out, dim1=0, dim2=1)
        return (out, list(result[1:])) if given else out


class RNN(_RNNLayer):
    """An Elman RNN over sequences: h_t = activation(W_i2h x_t + b_i2h + W_h2h h_{t-1} + b_h2h).

    hidden_size: H. num_layers=1. activation='relu' (or 'tanh'; MXNet's default is relu).
    layout='TNC' (or 'NTC': batch first). dropout=0: between layers, in training.
    bidirectional=False. i2h/h2h_weight_initializer=None (the global one), i2h/h2h_bias_
    initializer='zeros'. input_size=0: learnt at the first call. dtype='float32'."""
    alias = 'rnn'

    def __init__(self, hidden_size, num_layers=1, activation='relu', layout='TNC', dropout=0,
                 bidirectional=False, i2h_weight_initializer=None, h2h_weight_initializer=None,
                 i2h_bias_initializer='zeros', h2h_bias_initializer='zeros', input_size=0,
                 dtype='float32', **kwargs):
        if activation not in ('relu', 'tanh'):
            raise ValueError("RNN: activation must be 'relu' or 'tanh', got %r" % (activation,))
        super().__init__(hidden_size, num_layers, layout, dropout, bidirectional, input_size,
                         i2h_weight_initializer, h2h_weight_initializer, i2h_bias_initializer,
                         h2h_bias_initializer, 'rnn_' + activation, dtype, **kwargs)


class LSTM(_RNNLayer):
    """A long short-term memory layer (gates i, f, g, o; states h and c), arguments as RNN's
    without activation. projection_size and the state clipping MXNet offers are not
    supported (a clear error)."""
    alias = 'lstm'

    def __init__(self, hidden_size, num_layers=1, layout='TNC', dropout=0, bidirectional=False,
                 input_size=0, i2h_weight_initializer=None, h2h_weight_initializer=None,
                 i2h_bias_initializer='zeros', h2h_bias_initializer='zeros',
                 projection_size=None, h2h_projection_initializer=None, state_clip_min=None,
                 state_clip_max=None, state_clip_nan=False, dtype='float32', **kwargs):
        for arg, value, plain in (('projection_size', projection_size, None),
                                  ('state_clip_min', state_clip_min, None),
                                  ('state_clip_max', state_clip_max, None),
                                  ('state_clip_nan', state_clip_nan, False)):
            if value != plain:
                raise NotImplementedError('LSTM: %s=%r is not supported by tinynet (only %r)'
                                          % (arg, value, plain))
        super().__init__(hidden_size, num_layers, layout, dropout, bidirectional, input_size,
                         i2h_weight_initializer, h2h_weight_initializer, i2h_bias_initializer,
                         h2h_bias_initializer, 'lstm', dtype, **kwargs)


class GRU(_RNNLayer):
    """A gated recurrent unit layer (gates r, z, n; state h), arguments as RNN's without
    activation."""
    alias = 'gru'

    def __init__(self, hidden_size, num_layers=1, layout='TNC', dropout=0, bidirectional=False,
                 input_size=0, i2h_weight_initializer=None, h2h_weight_initializer=None,
                 i2h_bias_initializer='zeros', h2h_bias_initializer='zeros', dtype='float32',
                 **kwargs):
        super().__init__(hidden_size, num_layers, layout, dropout, bidirectional, input_size,
                         i2h_weight_initializer, h2h_weight_initializer, i2h_bias_initializer,
                         h2h_bias_initializer, 'gru', dtype, **kwargs)
