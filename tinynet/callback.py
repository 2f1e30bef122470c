"""Callbacks for Module.fit, with MXNet's log lines.

batch_end_callback(param): param has epoch, nbatch, eval_metric, locals.
epoch_end_callback(epoch, symbol, arg_params, aux_params).
"""
import collections
import logging
import time

BatchEndParam = collections.namedtuple('BatchEndParams', ['epoch', 'nbatch', 'eval_metric', 'locals'])


class Speedometer:
    """Every `frequent` batches, log the speed and the metric since the last log line:

        Epoch[0] Batch [0-100]	Speed: 12345.67 samples/sec	accuracy=0.914059

    The first call of an epoch only starts the clock (as MXNet's). With auto_reset the metric's
    local tally is reset after each line, so each line covers its own batches."""

    def __init__(self, batch_size, frequent=50, auto_reset=True):
        self.batch_size, self.frequent, self.auto_reset = batch_size, frequent, auto_reset
        self.init, self.tic, self.last_count = False, 0.0, 0

    def __call__(self, param):
        count = param.nbatch
        if self.last_count > count:        # a new epoch began
            self.init = False
        self.last_count = count
        if not self.init:
            self.init, self.tic = True, time.time()
            return
        if count % self.frequent:
            return
        elapsed = time.time() - self.tic
        speed = self.frequent * self.batch_size / elapsed if elapsed > 0 else float('inf')
        if param.eval_metric is None:
            logging.info('Iter[%d] Batch [%d]\tSpeed: %.2f samples/sec', param.epoch, count, speed)
        else:
            name_value = param.eval_metric.get_name_value()
            if self.auto_reset:
                param.eval_metric.reset_local()
                msg = 'Epoch[%d] Batch [%d-%d]\tSpeed: %.2f samples/sec' + '\t%s=%f' * len(name_value)
                logging.info(msg, param.epoch, count - self.frequent, count, speed,
                             *sum(name_value, ()))
            else:
                msg = 'Epoch[%d] Batch [0-%d]\tSpeed: %.2f samples/sec' + '\t%s=%f' * len(name_value)
                logging.info(msg, param.epoch, count, speed, *sum(name_value, ()))
        self.tic = time.time()


def do_checkpoint(prefix, period=1):
    """An epoch_end_callback that saves `prefix-symbol.json` and `prefix-%04d.params` every
    `period` epochs (numbered from 1, as MXNet)."""
    from .model import save_checkpoint
    period = int(max(1, period))

    def _callback(iter_no, sym, arg, aux):
        if (iter_no + 1) % period == 0:
            save_checkpoint(prefix, iter_no + 1, sym, arg, aux)
    return _callback


def log_train_metric(period, auto_reset=False):
    """A batch_end_callback that logs the training metric every `period` batches."""

    def _callback(param):
        if param.nbatch % period == 0 and param.eval_metric is not None:
            for name, value in param.eval_metric.get_name_value():
                logging.info('Iter[%d] Batch[%d] Train-%s=%f', param.epoch, param.nbatch, name, value)
            if auto_reset:
                param.eval_metric.reset_local()
    return _callback


class ProgressBar:
    """A text progress bar over `total` batches, logged every batch."""

    def __init__(self, total, length=80):
        self.total, self.length = total, length

    def __call__(self, param):
        done = int(round(self.length * (param.nbatch + 1) / float(self.total)))
        logging.info('[%s%s] %s%%', '=' * done, '-' * (self.length - done),
                     round(100.0 * (param.nbatch + 1) / self.total, 1))
