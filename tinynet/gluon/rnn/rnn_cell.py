"""Recurrent cells: one step at a time (MXNet Gluon's rnn.RNNCell, LSTMCell, GRUCell), built from
FullyConnected and elementwise ops, so autograd and hybridize see ordinary layers.

    cell = rnn.LSTMCell(100)
    cell.initialize()
    states = cell.begin_state(batch_size=N)          # [h, c], each (N, 100)
    out, states = cell(x_t, states)                   # one step: x_t (N, C)
    outs, states = cell.unroll(T, x, layout='NTC', merge_outputs=True)   # all T steps

Parameters (MXNet's names): i2h_weight (G*H, C), h2h_weight (G*H, H), i2h_bias, h2h_bias (G*H,),
with a = i2h(x_t), b = h2h(h_{t-1}) and the step formulas of ops/rnn.py (the fused op computes the
same numbers). A cell runs step by step even inside hybridize(): called with symbols (in a
hybridized parent) it adds its ops to the parent's graph.
"""
from ... import ndarray as nd
from ... import symbol as sym
from ..block import HybridBlock


class RecurrentCell(HybridBlock):
    """What the cells share: states, unroll, the call."""
    _num_gates = 1
    _num_states = 1

    def __init__(self, hidden_size, i2h_weight_initializer=None, h2h_weight_initializer=None,
                 i2h_bias_initializer='zeros', h2h_bias_initializer='zeros', input_size=0,
                 **kwargs):
        super().__init__(**kwargs)
        if not isinstance(hidden_size, int) or isinstance(hidden_size, bool) or hidden_size < 1:
            raise ValueError('%s: hidden_size must be a positive int, got %r'
                             % (type(self).__name__, hidden_size))
        self._hidden_size, self._input_size = hidden_size, input_size
        gh = self._num_gates * hidden_size
        with self.name_scope():
            self.i2h_weight = self.params.get('i2h_weight', shape=(gh, input_size),
                                              init=i2h_weight_initializer,
                                              allow_deferred_init=True)
            self.h2h_weight = self.params.get('h2h_weight', shape=(gh, hidden_size),
                                              init=h2h_weight_initializer,
                                              allow_deferred_init=True)
            self.i2h_bias = self.params.get('i2h_bias', shape=(gh,), init=i2h_bias_initializer,
                                            allow_deferred_init=True)
            self.h2h_bias = self.params.get('h2h_bias', shape=(gh,), init=h2h_bias_initializer,
                                            allow_deferred_init=True)

    def __repr__(self):
        return '%s(%s -> %d)' % (type(self).__name__, self._input_size or None, self._hidden_size)

    def state_info(self, batch_size=0):
        """[{'shape': (batch_size, hidden_size), '__layout__': 'NC'}] per state."""
        return [{'shape': (batch_size, self._hidden_size), '__layout__': 'NC'}] * self._num_states

    def begin_state(self, batch_size=0, func=None, **kwargs):
        """The initial states: `func(shape=..., **kwargs)` per state (default mx.nd.zeros)."""
        func = func or nd.zeros
        return [func(shape=info['shape'], **kwargs) for info in self.state_info(batch_size)]

    def reset(self):
        """Nothing to reset: tinynet's cells keep no step counter."""

    def infer_shape(self, x, *args):
        """The input width (a deferred input_size) from the step's data (N, C)."""
        self.i2h_weight.shape = (self.i2h_weight.shape[0], x.shape[-1])

    def __call__(self, inputs, states):
        """One step: (output, new states)."""
        if isinstance(states, (nd.NDArray, sym.Symbol)):
            states = [states]
        if len(states) != self._num_states:
            raise ValueError('%s: takes %d state(s), got %d'
                             % (self.name, self._num_states, len(states)))
        if isinstance(inputs, nd.NDArray) and self.i2h_weight.is_deferred:
            self.infer_shape(inputs)
            for p in self._own_params().values():
                p.finish_deferred_init()
        return super(HybridBlock, self).__call__(inputs, tuple(states))   # Block: hooks, forward

    def forward(self, x, states):
        if isinstance(x, sym.Symbol):
            params = {name: p.var() for name, p in self._own_params().items()}
            return self.hybrid_forward(sym, x, states, **params)
        params = {name: p.data(x.context) for name, p in self._own_params().items()}
        return self.hybrid_forward(nd, x, states, **params)

    def _own_params(self):
        return {name: getattr(self, name) for name in ('i2h_weight', 'h2h_weight', 'i2h_bias',
                                                       'h2h_bias')}

    def _pre(self, F, x, h, i2h_weight, h2h_weight, i2h_bias, h2h_bias):
        """a = W_i2h x + b_i2h and b = W_h2h h + b_h2h."""
        gh = self._num_gates * self._hidden_size
        a = F.FullyConnected(x, i2h_weight, i2h_bias, num_hidden=gh, name=self.op_name('i2h'))
        b = F.FullyConnected(h, h2h_weight, h2h_bias, num_hidden=gh, name=self.op_name('h2h'))
        return a, b

    def _gate(self, F, s, k):
        """Gate k of the stacked pre-activations s (N, G*H)."""
        H = self._hidden_size
        return F.slice_axis(s, axis=1, begin=k * H, end=(k + 1) * H)

    def unroll(self, length, inputs, begin_state=None, layout='NTC', merge_outputs=None,
               valid_length=None):
        """Run `length` steps. inputs: an NDArray (N, T, C) for layout 'NTC' ((T, N, C) for
        'TNC') or a list of T arrays (N, C). begin_state: default zeros. merge_outputs: True
        gives one array (layout's), False a list, None the form `inputs` came in. Returns
        (outputs, last states). valid_length is not supported."""
        if valid_length is not None:
            raise NotImplementedError('%s.unroll: valid_length is not supported by tinynet'
                                      % self.name)
        if layout not in ('NTC', 'TNC'):
            raise ValueError("%s.unroll: layout must be 'NTC' or 'TNC', got %r" % (self.name, layout))
        axis = layout.find('T')
        merged_in = not isinstance(inputs, (list, tuple))
        if merged_in:
            if inputs.shape[axis] != length:
                raise ValueError('%s.unroll: length=%d but the inputs have %d steps (axis %d of '
                                 'shape %s)' % (self.name, length, inputs.shape[axis], axis,
                                                inputs.shape))
            steps = [nd.squeeze(s, axis=axis) for s in
                     (nd.slice_axis(inputs, axis=axis, begin=t, end=t + 1)
                      for t in range(length))]
        else:
            steps = list(inputs)
            if len(steps) != length:
                raise ValueError('%s.unroll: length=%d but %d inputs were given'
                                 % (self.name, length, len(steps)))
        states = begin_state
        if states is None:
            first = steps[0]
            states = self.begin_state(first.shape[0], ctx=first.context, dtype=first.dtype)
        outputs = []
        for x in steps:
            out, states = self(x, states)
            outputs.append(out)
        if merge_outputs is None:
            merge_outputs = merged_in
        if merge_outputs:
            outputs = nd.stack(*outputs, axis=axis)
        return outputs, states


class RNNCell(RecurrentCell):
    """h_t = activation(W_i2h x_t + b_i2h + W_h2h h_{t-1} + b_h2h); activation='tanh' (MXNet's
    default for the cell; 'relu', 'sigmoid', 'softrelu', 'softsign' too). Other arguments:
    hidden_size, i2h/h2h_weight_initializer=None, i2h/h2h_bias_initializer='zeros',
    input_size=0."""
    alias = 'rnn'

    def __init__(self, hidden_size, activation='tanh', i2h_weight_initializer=None,
                 h2h_weight_initializer=None, i2h_bias_initializer='zeros',
                 h2h_bias_initializer='zeros', input_size=0, **kwargs):
        super().__init__(hidden_size, i2h_weight_initializer, h2h_weight_initializer,
                         i2h_bias_initializer, h2h_bias_initializer, input_size, **kwargs)
        self._activation = activation

    def hybrid_forward(self, F, x, states, **params):
        a, b = self._pre(F, x, states[0], **params)
        h = F.Activation(a + b, act_type=self._activation, name=self.op_name('out'))
        return h, [h]


class LSTMCell(RecurrentCell):
    """i, f, o = sigmoid(a + b) and g = tanh(a + b) (gates in that order: i, f, g, o);
    c_t = f c_{t-1} + i g;  h_t = o tanh(c_t). States [h, c]. Arguments as RNNCell's but
    activation='tanh' and recurrent_activation='sigmoid' (MXNet's defaults; others are refused)."""
    alias = 'lstm'
    _num_gates = 4
    _num_states = 2

    def __init__(self, hidden_size, i2h_weight_initializer=None, h2h_weight_initializer=None,
                 i2h_bias_initializer='zeros', h2h_bias_initializer='zeros', input_size=0,
                 activation='tanh', recurrent_activation='sigmoid', **kwargs):
        if (activation, recurrent_activation) != ('tanh', 'sigmoid'):
            raise NotImplementedError("LSTMCell: only activation='tanh' and "
                                      "recurrent_activation='sigmoid' are supported")
        super().__init__(hidden_size, i2h_weight_initializer, h2h_weight_initializer,
                         i2h_bias_initializer, h2h_bias_initializer, input_size, **kwargs)

    def hybrid_forward(self, F, x, states, **params):
        h, c = states
        a, b = self._pre(F, x, h, **params)
        s = a + b
        i, f, o = (F.sigmoid(self._gate(F, s, k)) for k in (0, 1, 3))
        g = F.tanh(self._gate(F, s, 2))
        c = f * c + i * g
        h = o * F.tanh(c)
        return h, [h, c]


class GRUCell(RecurrentCell):
    """r = sigmoid(a_r + b_r), z = sigmoid(a_z + b_z), n = tanh(a_n + r b_n),
    h_t = (1 - z) n + z h_{t-1} (gates in the order r, z, n). Arguments as RNNCell's without
    activation."""
    alias = 'gru'
    _num_gates = 3

    def hybrid_forward(self, F, x, states, **params):
        h = states[0]
        a, b = self._pre(F, x, h, **params)
        r = F.sigmoid(self._gate(F, a, 0) + self._gate(F, b, 0))
        z = F.sigmoid(self._gate(F, a, 1) + self._gate(F, b, 1))
        n = F.tanh(self._gate(F, a, 2) + r * self._gate(F, b, 2))
        h = (1 - z) * n + z * h
        return h, [h]
