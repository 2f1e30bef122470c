"""One script, run by MXNet 1.9.1 and by tinynet (`python mxnet_rnn_semantics.py mxnet|tinynet`):
the fused RNN op (every mode, stacked, bidirectional, with and without state outputs) and Gluon's
rnn layers and cells on the same numbers, forward and gradients, printed as JSON.
tests/test_rnn.py runs it under both and compares."""
import json
import sys

import numpy as onp

if sys.argv[1] == 'mxnet':
    import mxnet as mx
    from mxnet.gluon import rnn
else:
    import tinynet as mx
    from tinynet.gluon import rnn


def values(a):
    return a.asnumpy().astype('float64').tolist()


def param_size(mode, layers, inputs, hidden, directions):
    gates = {'rnn_relu': 1, 'rnn_tanh': 1, 'lstm': 4, 'gru': 3}[mode]
    return sum(directions * gates * hidden * ((inputs if l == 0 else directions * hidden) + hidden + 2)
               for l in range(layers))


found = {}
rs = onp.random.RandomState(0)
T, N, I, H = 4, 3, 5, 6
for mode in ('rnn_tanh', 'rnn_relu', 'lstm', 'gru'):
    for layers, bidirectional in ((1, False), (2, True)):
        D = 2 if bidirectional else 1
        arrays = [rs.randn(T, N, I), rs.randn(param_size(mode, layers, I, H, D)) * 0.4,
                  rs.randn(layers * D, N, H)]
        if mode == 'lstm':
            arrays.append(rs.randn(layers * D, N, H))
        arrays = [mx.nd.array(a.astype('float32')) for a in arrays]
        for a in arrays:
            a.attach_grad()
        key = '%s %d %s' % (mode, layers, bidirectional)
        with mx.autograd.record():
            outs = mx.nd.RNN(*arrays, state_size=H, num_layers=layers, mode=mode,
                             bidirectional=bidirectional, state_outputs=True)
            loss = sum((o * mx.nd.array(rs.randn(*o.shape).astype('float32'))).sum() for o in outs)
        loss.backward()
        found[key] = [values(o) for o in outs] + [values(a.grad) for a in arrays]

# Gluon layers: parameter names and shapes, outputs with and without states, layout NTC
for cls in (rnn.RNN, rnn.LSTM, rnn.GRU):
    layer = cls(H, num_layers=2, bidirectional=True, input_size=I)
    layer.initialize(mx.init.Uniform(0.3))
    params = layer.collect_params()
    names = sorted(params.keys())
    found[cls.__name__ + ' params'] = [[n[n.index('_') + 1:], list(params[n].shape)] for n in names]
    mx.random.seed(0)
    for n in names:
        params[n].set_data(mx.nd.array(rs.uniform(-0.3, 0.3, params[n].shape).astype('float32')))
    x = mx.nd.array(rs.randn(T, N, I).astype('float32'))
    found[cls.__name__ + ' out'] = values(layer(x))
    states = layer.begin_state(batch_size=N)
    found[cls.__name__ + ' begin_state'] = [list(s.shape) for s in states]
    out, new_states = layer(x, states)
    found[cls.__name__ + ' states'] = [values(s) for s in new_states]
    ntc = cls(H, layout='NTC', input_size=I)
    ntc.initialize()
    for n in sorted(ntc.collect_params().keys()):
        p = ntc.collect_params()[n]
        p.set_data(mx.nd.array(rs.uniform(-0.3, 0.3, p.shape).astype('float32')))
    found[cls.__name__ + ' NTC'] = values(ntc(mx.nd.array(rs.randn(N, T, I).astype('float32'))))

# cells: one step and unroll
for cls in (rnn.RNNCell, rnn.LSTMCell, rnn.GRUCell):
    cell = cls(H, input_size=I)
    cell.initialize()
    for n in sorted(cell.collect_params().keys()):
        p = cell.collect_params()[n]
        p.set_data(mx.nd.array(rs.uniform(-0.3, 0.3, p.shape).astype('float32')))
    found[cls.__name__ + ' params'] = sorted([n[n.index('_') + 1:], list(p.shape)]
                                             for n, p in cell.collect_params().items())
    x = mx.nd.array(rs.randn(N, T, I).astype('float32'))
    out, states = cell(x[:, 0], cell.begin_state(batch_size=N))
    found[cls.__name__ + ' step'] = [values(out)] + [values(s) for s in states]
    outs, states = cell.unroll(T, x, layout='NTC', merge_outputs=True)
    found[cls.__name__ + ' unroll'] = [values(outs)] + [values(s) for s in states]
print(json.dumps(found))
