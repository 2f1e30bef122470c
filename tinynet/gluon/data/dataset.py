"""Datasets: anything with `len()` and `[i]` giving one sample, as MXNet Gluon's."""
from ...ndarray import NDArray



class Dataset:
    """A sample by index: `dataset[i]`, and `len(dataset)`."""

    def __getitem__(self, idx):
        raise NotImplementedError

    def __len__(self):
        raise NotImplementedError

    def filter(self, fn):
        """The samples for which fn(sample) is true, in order (fn is asked once for each now)."""
        return _SampledDataset(self, [i for i in range(len(self)) if fn(self[i])])

    def shard(self, num_shards, index):
        """Shard `index` of `num_shards` contiguous shards: as MXNet's, the first len % num_shards
        shards have one sample more (shard before shuffling, for distinct workers' data)."""
        if not (isinstance(num_shards, int) and num_shards > 0 and isinstance(index, int)
                and 0 <= index < num_shards):
            raise ValueError('Dataset.shard: index must be in [0, num_shards) and num_shards '
                             'positive, got index=%r num_shards=%r' % (index, num_shards))
        size, rest = divmod(len(self), num_shards)
        start = size * index + min(index, rest)
        return _SampledDataset(self, range(start, start + size + (index < rest)))

    def take(self, count):
        """The first `count` samples (all of them when count is None or larger)."""
        count = len(self) if count is None or count > len(self) else count
        return _SampledDataset(self, range(count))

    def sample(self, sampler):
        """The samples at the indices `sampler` (a gluon.data Sampler) gives, in its order."""
        from .sampler import Sampler
        if not isinstance(sampler, Sampler):
            raise TypeError('Dataset.sample: a gluon.data Sampler is needed, got %s'
                            % type(sampler).__name__)
        return _SampledDataset(self, list(sampler))

    def transform(self, fn, lazy=True):
        """A dataset whose samples are fn(*sample) (or fn(sample)); computed when read unless
        lazy=False, which computes them all now."""
        transformed = _LazyTransformDataset(self, fn)
        return transformed if lazy else SimpleDataset([transformed[i] for i in range(len(self))])

    def transform_first(self, fn, lazy=True):
        """Apply fn to the first element of each sample only (the data, not the label)."""
        def first(*sample):
            return (fn(sample[0]),) + tuple(sample[1:]) if len(sample) > 1 else fn(sample[0])
        return self.transform(first, lazy)


class SimpleDataset(Dataset):
    """A list (or anything indexable) as a dataset."""

    def __init__(self, data):
        self._data = data

    def __len__(self):
        return len(self._data)

    def __getitem__(self, idx):
        return self._data[idx]


class ArrayDataset(Dataset):
    """Several arrays of one length side by side: sample i is (a[i], b[i], ...). As MXNet's, a
    1-D NDArray is kept as a NumPy array, so its samples are numbers (an NDArray's a[i] has
    shape (1,), and the loader's batches would become (batch, 1) instead of (batch,))."""

    def __init__(self, *args):
        if not args:
            raise ValueError('ArrayDataset: give at least one array')
        args = tuple(a.asnumpy() if isinstance(a, NDArray) and a.ndim == 1 else a for a in args)
        lengths = [len(a) for a in args]
        if len(set(lengths)) != 1:
            raise ValueError('ArrayDataset: the arrays have different lengths %s' % lengths)
        self._length = lengths[0]
        self._data = args

    def __len__(self):
        return self._length

    def __getitem__(self, idx):
        if len(self._data) == 1:
            return self._data[0][idx]
        return tuple(a[idx] for a in self._data)


class _LazyTransformDataset(Dataset):
    def __init__(self, data, fn):
        self._data, self._fn = data, fn

    def __len__(self):
        return len(self._data)

    def __getitem__(self, idx):
        sample = self._data[idx]
        return self._fn(*sample) if isinstance(sample, tuple) else self._fn(sample)


class _SampledDataset(Dataset):
    """The samples of `data` at `indices`, read when asked for."""

    def __init__(self, data, indices):
        self._data, self._indices = data, indices

    def __len__(self):
        return len(self._indices)

    def __getitem__(self, idx):
        return self._data[self._indices[idx]]
