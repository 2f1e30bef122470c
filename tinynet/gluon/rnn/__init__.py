"""gluon.rnn: recurrent layers over whole sequences (RNN, LSTM, GRU: rnn_layer.py, one fused op)
and cells that take one step at a time (RNNCell, LSTMCell, GRUCell: rnn_cell.py)."""
from .rnn_cell import GRUCell, LSTMCell, RecurrentCell, RNNCell  # noqa: F401
from .rnn_layer import GRU, LSTM, RNN  # noqa: F401
