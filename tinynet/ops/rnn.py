"""RNN: a whole recurrent network (one or more layers, one or two directions) over a sequence, as
MXNet's fused `RNN` operator, which Gluon's rnn.RNN, rnn.LSTM and rnn.GRU layers call.

    data (T, N, I): T steps of a batch of N;  state (L*D, N, H): the initial h of each layer and
    direction (D = 2 when bidirectional);  state_cell (L*D, N, H): LSTM's initial c;
    parameters: one flat vector, every layer's and direction's i2h_weight (G*H, in) and
    h2h_weight (G*H, H) first (layer by layer, left direction before right), then their
    i2h_bias (G*H,) and h2h_bias (G*H,) in the same order. G gates: 1 (rnn_relu, rnn_tanh),
    4 (lstm: i, f, g, o), 3 (gru: r, z, n).

One step, with a = W_i2h x_t + b_i2h and b = W_h2h h_{t-1} + b_h2h split into the gates:
    rnn_tanh:  h_t = tanh(a + b)             rnn_relu:  h_t = max(a + b, 0)
    lstm:      i, f, o = sigmoid(a + b)[i, f, o],  g = tanh(a + b)[g]
               c_t = f c_{t-1} + i g,  h_t = o tanh(c_t)
    gru:       r, z = sigmoid(a + b)[r, z],  n = tanh(a_n + r b_n)
               h_t = (1 - z) n + z h_{t-1}
The right direction runs the same step from t = T-1 down to 0; the output concatenates the
directions' h (T, N, D*H) and feeds the next layer (through dropout p in training).

Backward is backpropagation through time: the steps in reverse, each giving the gradient of its
pre-activations (`da`, `db`), from which
    dW_h2h += db^T h_{t-1},  db_h2h += sum(db),  dh_{t-1} = db W_h2h (+ z dh_t for GRU)
and, for all steps at once, dW_i2h = da^T x,  db_i2h = sum(da),  dx = da W_i2h.
Outputs: out, and with state_outputs=True also the last h (and c) of every layer and direction.
"""
from .. import rng
from ..backend import to_device
from ..base import InvalidArgumentError
from ..engine import is_training
from .attrs import Attr
from .base import Op

GATES = {'rnn_relu': 1, 'rnn_tanh': 1, 'lstm': 4, 'gru': 3}


def param_size(mode, num_layers, input_size, state_size, bidirectional=False):
    """The length of RNN's flat parameter vector."""
    gates, directions = GATES[mode], 2 if bidirectional else 1
    size = 0
    for layer in range(num_layers):
        inputs = input_size if layer == 0 else directions * state_size
        size += directions * (gates * state_size * (inputs + state_size + 2))
    return size


def _sigmoid(xp, x):
    return 1 / (1 + xp.exp(-x))


class RNN(Op):
    arguments = ('data', 'parameters', 'state', 'state_cell')
    attrs = (Attr('state_size', 'int', doc='H, the size of h (and c)', minimum=1),
             Attr('num_layers', 'int', doc='how many layers are stacked', minimum=1),
             Attr('mode', 'choice', doc='the cell', choices=tuple(GATES)),
             Attr('bidirectional', 'bool', False, 'also run each layer from the last step back'),
             Attr('p', 'float', 0.0, 'dropout between layers, in training'),
             Attr('state_outputs', 'bool', False, 'also output the last states'),
             Attr('projection_size', 'any', None, 'LSTM projection; only None is supported'),
             Attr('lstm_state_clip_min', 'any', None, 'only None is supported'),
             Attr('lstm_state_clip_max', 'any', None, 'only None is supported'),
             Attr('lstm_state_clip_nan', 'bool', False, 'only False is supported'),
             Attr('use_sequence_length', 'bool', False, 'only False is supported'))

    def check(self):
        if not 0 <= self.p < 1:
            raise InvalidArgumentError("%s: argument 'p' must be in [0, 1), got %r" % (self, self.p))
        for arg, plain in (('projection_size', None), ('lstm_state_clip_min', None),
                           ('lstm_state_clip_max', None), ('lstm_state_clip_nan', False),
                           ('use_sequence_length', False)):
            if getattr(self, arg) != plain:
                raise InvalidArgumentError('%s: argument %r is not supported by tinynet (only %r)'
                                           % (self, arg, plain))
        self.arguments = RNN.arguments if self.mode == 'lstm' else RNN.arguments[:3]
        self.gates, self.directions = GATES[self.mode], 2 if self.bidirectional else 1
        outputs = 1 + (1 + (self.mode == 'lstm')) * self.state_outputs
        self.num_outputs = outputs

    def infer_shape(self, in_shapes):
        data = in_shapes[0]
        if data is None:
            return in_shapes, [None] * self.num_outputs
        if len(data) != 3:
            raise InvalidArgumentError("%s: argument 'data' must be 3-D (T, N, I), got shape %s"
                                       % (self, tuple(data)))
        steps, batch, inputs = data
        H, LD = self.state_size, self.num_layers * self.directions
        size = param_size(self.mode, self.num_layers, inputs, H, self.bidirectional)
        wanted = [tuple(data), (size,)] + [(LD, batch, H)] * (len(self.arguments) - 2)
        for arg, given, want in zip(self.arguments[1:], in_shapes[1:], wanted[1:]):
            self.check_shape(arg, given, want, data)
        outs = [(steps, batch, self.directions * H)] + [(LD, batch, H)] * (self.num_outputs - 1)
        return wanted, outs

    def _unpack(self, params, inputs):
        """{(layer, direction): (W_i2h, W_h2h, b_i2h, b_h2h)} as views of the flat vector."""
        H, G, D = self.state_size, self.gates, self.directions
        weights, at = {}, 0
        for layer in range(self.num_layers):
            width = inputs if layer == 0 else D * H
            for d in range(D):
                w_i2h = params[at:at + G * H * width].reshape(G * H, width)
                at += G * H * width
                w_h2h = params[at:at + G * H * H].reshape(G * H, H)
                at += G * H * H
                weights[layer, d] = [w_i2h, w_h2h]
        for layer in range(self.num_layers):
            for d in range(D):
                weights[layer, d] += [params[at:at + G * H], params[at + G * H:at + 2 * G * H]]
                at += 2 * G * H
        return weights

    def _step(self, xp, a, b, h, c):
        """One step from the pre-activations a (input side) and b (hidden side); returns h, c and
        what backward needs."""
        H = self.state_size
        if self.mode == 'rnn_tanh':
            h = xp.tanh(a + b)
            return h, None, h
        if self.mode == 'rnn_relu':
            h = xp.maximum(a + b, 0)
            return h, None, h
        if self.mode == 'lstm':
            s = a + b
            i, f, o = (_sigmoid(xp, s[:, k * H:(k + 1) * H]) for k in (0, 1, 3))
            g = xp.tanh(s[:, 2 * H:3 * H])
            c_new = f * c + i * g
            tanh_c = xp.tanh(c_new)
            return o * tanh_c, c_new, (i, f, g, o, c, tanh_c)
        r = _sigmoid(xp, a[:, :H] + b[:, :H])                         # gru
        z = _sigmoid(xp, a[:, H:2 * H] + b[:, H:2 * H])
        n = xp.tanh(a[:, 2 * H:] + r * b[:, 2 * H:])
        return (1 - z) * n + z * h, None, (r, z, n, b[:, 2 * H:], h)

    def _step_back(self, xp, dh, dc, kept):
        """The gradients of a step's pre-activations (da, db) and of the previous h (the part
        not through W_h2h) and c, from dh and dc of its outputs."""
        if self.mode == 'rnn_tanh':
            d = dh * (1 - kept * kept)
            return d, d, 0, None
        if self.mode == 'rnn_relu':
            d = dh * (kept > 0)
            return d, d, 0, None
        if self.mode == 'lstm':
            i, f, g, o, c_prev, tanh_c = kept
            dc = dc + dh * o * (1 - tanh_c * tanh_c)
            d = xp.concatenate([dc * g * i * (1 - i), dc * c_prev * f * (1 - f),
                                dc * i * (1 - g * g), dh * tanh_c * o * (1 - o)], axis=1)
            return d, d, 0, dc * f
        r, z, n, b_n, h_prev = kept                                   # gru
        dn = dh * (1 - z) * (1 - n * n)
        dr = dn * b_n * r * (1 - r)
        dz = dh * (h_prev - n) * z * (1 - z)
        return (xp.concatenate([dr, dz, dn], axis=1), xp.concatenate([dr, dz, dn * r], axis=1),
                dh * z, None)

    def forward(self, xp, inputs, record):
        x, params, h0 = inputs[:3]
        c0 = inputs[3] if self.mode == 'lstm' else None
        steps = x.shape[0]
        weights = self._unpack(params, x.shape[2])
        training = is_training()
        last_h, last_c, tape = [], [], []
        layer_input = x
        for layer in range(self.num_layers):
            outputs = []
            for d in range(self.directions):
                w_i2h, w_h2h, b_i2h, b_h2h = weights[layer, d]
                k = layer * self.directions + d
                a = layer_input @ w_i2h.T + b_i2h        # every step's input side at once
                h, c = h0[k], None if c0 is None else c0[k]
                h_prev, h_out, kept = [None] * steps, [None] * steps, [None] * steps
                for t in (range(steps) if d == 0 else range(steps - 1, -1, -1)):
                    b = h @ w_h2h.T + b_h2h
                    h_prev[t] = h
                    h, c, kept[t] = self._step(xp, a[t], b, h, c)
                    h_out[t] = h
                last_h.append(h)
                last_c.append(c)
                outputs.append(xp.stack(h_out))
                tape.append((layer_input, h_prev, kept))
            out = outputs[0] if self.directions == 1 else xp.concatenate(outputs, axis=2)
            mask = None
            if self.p > 0 and training and layer < self.num_layers - 1:
                keep = rng.generator().uniform(0, 1, out.shape) >= self.p
                mask = to_device(keep.astype(out.dtype) / out.dtype.type(1 - self.p), xp)
                out = out * mask
            tape.append(mask)
            layer_input = out
        results = [layer_input]
        if self.state_outputs:
            results.append(xp.stack(last_h))
            if self.mode == 'lstm':
                results.append(xp.stack(last_c))
        return results, ((weights, tape, x.shape, params.shape) if record else None)

    def backward(self, xp, saved, out_grads, needs_grad):
        weights, tape, x_shape, p_shape = saved
        H, D = self.state_size, self.directions
        dy = out_grads[0]
        dh_last = out_grads[1] if self.state_outputs else None
        dc_last = out_grads[2] if self.state_outputs and self.mode == 'lstm' else None
        grads = {}
        dh0 = xp.zeros((self.num_layers * D,) + tuple(dy.shape[1:2]) + (H,), dy.dtype)
        dc0 = xp.zeros_like(dh0)
        steps = x_shape[0]
        for layer in reversed(range(self.num_layers)):
            mask = tape[layer * (D + 1) + D]
            if mask is not None:
                dy = dy * mask
            dx = None
            for d in range(D):
                layer_input, h_prevs, kept = tape[layer * (D + 1) + d]
                w_i2h, w_h2h, _, _ = weights[layer, d]
                k = layer * D + d
                dys = dy[:, :, d * H:(d + 1) * H]
                dh = xp.zeros_like(dys[0]) if dh_last is None else dh_last[k]
                dc = None if self.mode != 'lstm' else (
                    xp.zeros_like(dys[0]) if dc_last is None else dc_last[k])
                da = xp.zeros(dys.shape[:2] + (w_i2h.shape[0],), dy.dtype)
                dw_h2h, db_h2h = xp.zeros_like(w_h2h), xp.zeros(w_h2h.shape[0], dy.dtype)
                for t in (range(steps - 1, -1, -1) if d == 0 else range(steps)):
                    da[t], db, dh_direct, dc = self._step_back(xp, dh + dys[t], dc, kept[t])
                    dw_h2h += db.T @ h_prevs[t]            # dW_h2h += db^T h_{t-1}
                    db_h2h += db.sum(axis=0)
                    dh = db @ w_h2h + dh_direct            # dh_{t-1}
                dh0[k] = dh
                if dc is not None:
                    dc0[k] = dc
                flat_in = layer_input.reshape(-1, layer_input.shape[2])
                flat_da = da.reshape(-1, da.shape[2])
                grads[layer, d] = [flat_da.T @ flat_in, dw_h2h, flat_da.sum(axis=0), db_h2h]
                part = da @ w_i2h                           # dx = da W_i2h
                dx = part if dx is None else dx + part
            dy = dx
        layers = [(layer, d) for layer in range(self.num_layers) for d in range(D)]
        flat = [grads[key][j].reshape(-1) for key in layers for j in (0, 1)]     # the weights,
        flat += [grads[key][j] for key in layers for j in (2, 3)]                # then biases
        dparams = xp.concatenate(flat)
        result = [dy, dparams.reshape(p_shape), dh0]
        if self.mode == 'lstm':
            result.append(dc0)
        return result
