"""gluon.contrib.data: MXNet's IntervalSampler. (Its text datasets, WikiText-2 and -103, are
downloads of MXNet's repository and are not in tinynet.)"""
from ..data.sampler import Sampler


class IntervalSampler(Sampler):
    """IntervalSampler(length, interval, rollover=True): the indices of [0, length) taken every
    `interval`: 0, interval, 2 interval, ...; with rollover, then 1, 1 + interval, ... until
    every index is visited; without, only the first pass. len() is the number of indices it
    yields (MXNet's says `length` even without rollover)."""

    def __init__(self, length, interval, rollover=True):
        if not 0 < interval <= length:
            raise ValueError('IntervalSampler: interval must be in 1..length (%d), got %r'
                             % (length, interval))
        self._length, self._interval, self._rollover = length, interval, rollover

    def __iter__(self):
        for start in range(self._interval if self._rollover else 1):
            yield from range(start, self._length, self._interval)

    def __len__(self):
        return self._length if self._rollover else len(range(0, self._length, self._interval))
