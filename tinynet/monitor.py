"""Monitor: watch a statistic of every output, weight and gradient while training.

    mon = mx.mon.Monitor(interval=100, pattern='.*weight|.*output')
    mod.fit(..., monitor=mon)        # or mod.install_monitor(mon)

Every `interval` batches it logs one line per matching array, MXNet's format
`Batch:     100 fullyconnected0_weight  0.0123`, with `stat_func(array)` (default: the norm divided
by sqrt(size), so layers of different sizes compare). Watching the `_grad` lines layer by layer is how
one sees gradients vanish or explode.
"""
import logging
import math
import re

import numpy as np

from .backend import to_numpy
from .util import warn_ignored


def _norm_stat(array):
    array = to_numpy(array).astype(np.float64, copy=False)
    return float(np.linalg.norm(array.ravel()) / math.sqrt(max(array.size, 1)))


class Monitor:

    """Monitor(interval, stat_func=None, pattern='.*', sort=False, monitor_all=False): every
    `interval` batches, stat_func (default: the norm |x| / sqrt(size)) of each output and gradient
    whose name matches `pattern`; Module.fit(monitor=...) prints them as MXNet's lines."""
    def __init__(self, interval, stat_func=None, pattern='.*', sort=False, monitor_all=False):
        if interval < 1:
            raise ValueError('Monitor: interval must be >= 1, got %r' % interval)
        warn_ignored('Monitor', 'monitor_all', monitor_all, False)
        self.interval, self.sort = interval, sort
        self.stat_func = stat_func or _norm_stat
        self.pattern = re.compile(pattern)
        self.step, self.activated = 0, False
        self.queue = []

    def install(self, exe):
        """Kept for MXNet compatibility; Module.install_monitor is the usual way."""

    def tic(self):
        """Start collecting if this batch is one to watch."""
        self.activated = self.step % self.interval == 0
        self.queue = []

    def collect(self, exe, phase):
        """Called by Module after forward (outputs and weights) and after backward (gradients)."""
        if not self.activated:
            return
        if phase == 'forward':
            outputs = exe.symbol.list_outputs()
            for name, array in zip(outputs, exe.output_arrays):
                self._add(name, array)
            for name, array in exe.internal_outputs():
                if name not in outputs:
                    self._add(name, array)
            for name, array in exe.arg_dict.items():
                self._add(name, array.data_array)
        else:
            for name, array in exe.grad_dict.items():
                self._add(name + '_grad', array.data_array)

    def _add(self, name, array):
        if self.pattern.match(name):
            self.queue.append((self.step, name, self.stat_func(array)))

    def toc(self):
        """End of the batch: the collected (step, name, value) rows, sorted by name if asked."""
        if not self.activated:
            self.step += 1
            return []
        rows = sorted(self.queue, key=lambda r: r[1]) if self.sort else list(self.queue)
        self.queue, self.activated = [], False
        self.step += 1
        return [(step, name, '%.8g' % value if isinstance(value, float) else str(value))
                for step, name, value in rows]

    def toc_print(self):
        """Log the rows toc() gives, one line each (Batch: step name value)."""
        for step, name, value in self.toc():
            logging.info('Batch: %7d %30s %s', step, name, value)
