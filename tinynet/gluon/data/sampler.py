"""Samplers: the order in which a DataLoader reads a dataset, and how it groups it into batches."""
from ... import rng


class Sampler:
    """Base of the samplers: iterating gives the indices of a dataset's samples; len() how many."""
    def __iter__(self):
        raise NotImplementedError

    def __len__(self):
        raise NotImplementedError


class SequentialSampler(Sampler):
    """SequentialSampler(length, start=0): start, start + 1, ..., start + length - 1."""
    def __init__(self, length, start=0):
        self._length, self._start = length, start

    def __iter__(self):
        return iter(range(self._start, self._start + self._length))

    def __len__(self):
        return self._length


class RandomSampler(Sampler):
    """A new random order each pass, from tinynet's generator (mx.random.seed fixes it)."""

    def __init__(self, length):
        self._length = length

    def __iter__(self):
        return iter(int(i) for i in rng.generator().permutation(self._length))

    def __len__(self):
        return self._length


class BatchSampler(Sampler):
    """Groups of `batch_size` indices. last_batch: 'keep' a short last batch, 'discard' it, or
    'rollover' its indices into the next pass."""

    def __init__(self, sampler, batch_size, last_batch='keep'):
        if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
            raise ValueError('BatchSampler: batch_size must be a positive int, got %r'
                             % (batch_size,))
        if last_batch not in ('keep', 'discard', 'rollover'):
            raise ValueError("BatchSampler: last_batch must be 'keep', 'discard' or 'rollover', "
                             "got %r" % (last_batch,))
        self._sampler, self._batch_size, self._last_batch = sampler, batch_size, last_batch
        self._prev = []

    def __iter__(self):
        batch, self._prev = self._prev, []
        for i in self._sampler:
            batch.append(i)
            if len(batch) == self._batch_size:
                yield batch
                batch = []
        if batch:
            if self._last_batch == 'keep':
                yield batch
            elif self._last_batch == 'rollover':
                self._prev = batch

    def __len__(self):
        if self._last_batch == 'keep':
            return (len(self._sampler) + self._batch_size - 1) // self._batch_size
        if self._last_batch == 'discard':
            return len(self._sampler) // self._batch_size
        return (len(self._prev) + len(self._sampler)) // self._batch_size
