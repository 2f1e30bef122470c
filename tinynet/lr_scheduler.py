"""Learning-rate schedules (mx.lr_scheduler), as MXNet 1.9's: a scheduler is called with the
number of updates made so far and gives the learning rate for the next one.

    sched = mx.lr_scheduler.FactorScheduler(step=250, factor=0.5, base_lr=0.1)
    trainer = gluon.Trainer(params, 'sgd', {'lr_scheduler': sched})     # or Module.fit's
                                                                         # optimizer_params

Every scheduler can warm up first: for warmup_steps updates the rate goes from warmup_begin_lr
to base_lr in equal steps ('linear') or stays at warmup_begin_lr ('constant').
    FactorScheduler       base_lr * factor^k, k = the number of whole `step`s passed
    MultiFactorScheduler  base_lr * factor^k, k = how many of the updates in `step` are passed
    PolyScheduler         final_lr + (base_lr - final_lr) (1 - t / T)^pwr
    CosineScheduler       final_lr + (base_lr - final_lr) (1 + cos(pi t / T)) / 2
(t: the updates after warm-up, T = max_update - warmup_steps; after max_update, final_lr.)
"""
import logging
import math


class LRScheduler:
    """Base of the schedulers: base_lr=0.01, warmup_steps=0, warmup_begin_lr=0,
    warmup_mode='linear' ('linear' or 'constant'). A subclass defines __call__(num_update)."""

    def __init__(self, base_lr=0.01, warmup_steps=0, warmup_begin_lr=0, warmup_mode='linear'):
        if not isinstance(warmup_steps, int) or warmup_steps < 0:
            raise ValueError('%s: warmup_steps must be a whole number >= 0, got %r'
                             % (type(self).__name__, warmup_steps))
        if warmup_begin_lr > base_lr:
            raise ValueError('%s: warmup_begin_lr (%s) must not exceed base_lr (%s)'
                             % (type(self).__name__, warmup_begin_lr, base_lr))
        if warmup_mode not in ('linear', 'constant'):
            raise ValueError("%s: warmup_mode must be 'linear' or 'constant', got %r"
                             % (type(self).__name__, warmup_mode))
        self.base_lr, self.warmup_steps = base_lr, warmup_steps
        self.warmup_begin_lr, self.warmup_final_lr = warmup_begin_lr, base_lr
        self.warmup_mode = warmup_mode

    def get_warmup_lr(self, num_update):
        """The rate during warm-up (num_update < warmup_steps)."""
        if self.warmup_mode == 'constant':
            return self.warmup_begin_lr
        return self.warmup_begin_lr + (self.warmup_final_lr - self.warmup_begin_lr) * \
            num_update / self.warmup_steps

    def __call__(self, num_update):
        """The learning rate after `num_update` updates."""
        raise NotImplementedError('%s: a scheduler defines __call__(num_update)'
                                  % type(self).__name__)


class FactorScheduler(LRScheduler):
    """FactorScheduler(step, factor=1, stop_factor_lr=1e-8, base_lr=0.01, warmup...): the rate is
    multiplied by `factor` (<= 1) each time another `step` updates have passed, never below
    stop_factor_lr."""

    def __init__(self, step, factor=1, stop_factor_lr=1e-8, base_lr=0.01, warmup_steps=0,
                 warmup_begin_lr=0, warmup_mode='linear'):
        super().__init__(base_lr, warmup_steps, warmup_begin_lr, warmup_mode)
        if step < 1:
            raise ValueError('FactorScheduler: step must be >= 1, got %r' % (step,))
        if factor > 1.0:
            raise ValueError('FactorScheduler: factor must be at most 1, got %r' % (factor,))
        self.step, self.factor, self.stop_factor_lr = step, factor, stop_factor_lr
        self.count = 0          # the update count at the last change

    def __call__(self, num_update):
        if num_update < self.warmup_steps:
            return self.get_warmup_lr(num_update)
        while num_update > self.count + self.step:     # a loop: a resumed run may skip several
            self.count += self.step
            self.base_lr = max(self.base_lr * self.factor, self.stop_factor_lr)
            logging.info('Update[%d]: Change learning rate to %0.5e', num_update, self.base_lr)
        return self.base_lr


class MultiFactorScheduler(LRScheduler):
    """MultiFactorScheduler(step, factor=1, base_lr=0.01, warmup...): `step` is an increasing
    list of update counts; past each, the rate is multiplied by `factor`."""

    def __init__(self, step, factor=1, base_lr=0.01, warmup_steps=0, warmup_begin_lr=0,
                 warmup_mode='linear'):
        super().__init__(base_lr, warmup_steps, warmup_begin_lr, warmup_mode)
        if not isinstance(step, list) or not step or min(step) < 1 or \
                any(b <= a for a, b in zip(step, step[1:])):
            raise ValueError('MultiFactorScheduler: step must be an increasing list of update '
                             'counts >= 1, got %r' % (step,))
        if factor > 1.0:
            raise ValueError('MultiFactorScheduler: factor must be at most 1, got %r' % (factor,))
        self.step, self.factor, self.cur_step_ind, self.count = step, factor, 0, 0

    def __call__(self, num_update):
        if num_update < self.warmup_steps:
            return self.get_warmup_lr(num_update)
        while self.cur_step_ind < len(self.step) and num_update > self.step[self.cur_step_ind]:
            self.count = self.step[self.cur_step_ind]
            self.cur_step_ind += 1
            self.base_lr *= self.factor
            logging.info('Update[%d]: Change learning rate to %0.5e', num_update, self.base_lr)
        return self.base_lr


class PolyScheduler(LRScheduler):
    """PolyScheduler(max_update, base_lr=0.01, pwr=2, final_lr=0, warmup...): a polynomial decay
    from base_lr to final_lr over max_update updates."""

    def __init__(self, max_update, base_lr=0.01, pwr=2, final_lr=0, warmup_steps=0,
                 warmup_begin_lr=0, warmup_mode='linear'):
        super().__init__(base_lr, warmup_steps, warmup_begin_lr, warmup_mode)
        if not isinstance(max_update, int) or max_update < 1:
            raise ValueError('PolyScheduler: max_update must be a whole number >= 1, got %r'
                             % (max_update,))
        self.power, self.base_lr_orig, self.final_lr = pwr, base_lr, final_lr
        self.max_update, self.max_steps = max_update, max_update - warmup_steps

    def __call__(self, num_update):
        if num_update < self.warmup_steps:
            return self.get_warmup_lr(num_update)
        if num_update <= self.max_update:
            done = (num_update - self.warmup_steps) / self.max_steps
            self.base_lr = self.final_lr + (self.base_lr_orig - self.final_lr) * \
                (1 - done) ** self.power
        return self.base_lr


class CosineScheduler(LRScheduler):
    """CosineScheduler(max_update, base_lr=0.01, final_lr=0, warmup...): half a cosine from
    base_lr down to final_lr over max_update updates."""

    def __init__(self, max_update, base_lr=0.01, final_lr=0, warmup_steps=0, warmup_begin_lr=0,
                 warmup_mode='linear'):
        super().__init__(base_lr, warmup_steps, warmup_begin_lr, warmup_mode)
        if not isinstance(max_update, int) or max_update < 1:
            raise ValueError('CosineScheduler: max_update must be a whole number >= 1, got %r'
                             % (max_update,))
        self.base_lr_orig, self.final_lr = base_lr, final_lr
        self.max_update, self.max_steps = max_update, max_update - warmup_steps

    def __call__(self, num_update):
        if num_update < self.warmup_steps:
            return self.get_warmup_lr(num_update)
        if num_update <= self.max_update:
            done = (num_update - self.warmup_steps) / self.max_steps
            self.base_lr = self.final_lr + (self.base_lr_orig - self.final_lr) * \
                (1 + math.cos(math.pi * done)) / 2
        return self.base_lr
