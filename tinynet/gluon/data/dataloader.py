"""DataLoader: batches of a Dataset, as NDArrays, as MXNet Gluon's.

    loader = gluon.data.DataLoader(dataset, batch_size=100, shuffle=True)
    for data, label in loader:          # NDArrays (100, ...) and (100,)

num_workers > 0 reads batches on that many threads, in order (NumPy releases the GIL while it
copies); 0 (the default) reads them in the loop itself.
"""
import concurrent.futures

import numpy as np

from ... import ndarray as nd
from ...numpy import ndarray as np_ndarray
from ...util import is_np_array
from .sampler import BatchSampler, RandomSampler, SequentialSampler


def default_batchify_fn(samples):
    """Stack a list of samples into a batch: NDArrays and NumPy arrays stack on a new first axis,
    numbers become a 1-D array, tuples are batched element by element. In NumPy mode
    (npx.set_np()) the batches are mx.np arrays, as MXNet's."""
    first = samples[0]
    if isinstance(first, tuple):
        return tuple(default_batchify_fn(list(part)) for part in zip(*samples))
    if isinstance(first, nd.NDArray):
        batch = nd.stack(*samples)
    else:
        array = np.asarray(samples)
        batch = nd.array(array, dtype=array.dtype)
    return np_ndarray(batch.engine_value, batch.context) if is_np_array() else batch


class DataLoader:

    """Batches from a Dataset, as MXNet's gluon.data.DataLoader: batch_size, shuffle=False, sampler or
    batch_sampler (instead of those two), last_batch='keep' ('keep', 'discard' or 'rollover'),
    batchify_fn (default: stack each field's samples into an NDArray). num_workers, pin_memory,
    prefetch, thread_pool and timeout are accepted; batches are made in this process."""
    def __init__(self, dataset, batch_size=None, shuffle=False, sampler=None, last_batch=None,
                 batch_sampler=None, batchify_fn=None, num_workers=0, pin_memory=False,
                 pin_device_id=0, prefetch=None, thread_pool=False, timeout=120):
        self._dataset = dataset
        if batch_sampler is None:
            if batch_size is None:
                raise ValueError('DataLoader: batch_size must be given unless batch_sampler is')
            if sampler is None:
                sampler = RandomSampler(len(dataset)) if shuffle else SequentialSampler(len(dataset))
            elif shuffle:
                raise ValueError('DataLoader: shuffle must not be set when a sampler is given')
            batch_sampler = BatchSampler(sampler, batch_size, last_batch or 'keep')
        elif batch_size is not None or shuffle or sampler is not None or last_batch is not None:
            raise ValueError('DataLoader: batch_size, shuffle, sampler and last_batch must not be '
                             'given with batch_sampler')
        if not isinstance(num_workers, int) or num_workers < 0:
            raise ValueError('DataLoader: num_workers must be an int >= 0, got %r' % (num_workers,))
        self._batch_sampler = batch_sampler
        self._batchify_fn = batchify_fn or default_batchify_fn
        self._num_workers = num_workers

    def _batch(self, indices):
        return self._batchify_fn([self._dataset[i] for i in indices])

    def __iter__(self):
        if self._num_workers == 0:
            for indices in self._batch_sampler:
                yield self._batch(indices)
            return
        with concurrent.futures.ThreadPoolExecutor(self._num_workers) as pool:
            yield from pool.map(self._batch, self._batch_sampler)

    def __len__(self):
        return len(self._batch_sampler)
