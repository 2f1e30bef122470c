"""Data iterators: `NDArrayIter` serves (data, label) batches from arrays, as MXNet's does.

    it = mx.io.NDArrayIter(data, label, batch_size=100, shuffle=True)
    for batch in it:            # batch.data[0] (100, 1, 28, 28), batch.label[0] (100,), batch.pad
        ...
    it.reset()                  # next epoch (reshuffles when shuffle=True)

last_batch_handle: 'pad' (default) fills the last batch from the start of the data and says how many
rows are filler in `batch.pad`; 'discard' drops an incomplete last batch; 'roll_over' carries it
into the first batch of the next epoch.
"""
import collections
import os
import sys

import numpy as np

from . import rng
from .backend import to_numpy
from .ndarray import NDArray


class DataDesc(collections.namedtuple('DataDesc', ['name', 'shape'])):
    """(name, shape) of one input, with its dtype and layout, as MXNet's."""

    def __new__(cls, name, shape, dtype=np.float32, layout='NCHW'):
        desc = super().__new__(cls, name, tuple(shape))
        desc.dtype, desc.layout = dtype, layout
        return desc

    def __repr__(self):
        return 'DataDesc[%s,%s,%s,%s]' % (self.name, self.shape, np.dtype(self.dtype).name,
                                          self.layout)


class DataBatch:
    """One batch: lists of arrays `data` and `label`, `pad` (filler rows at the end), `index`."""

    def __init__(self, data, label=None, pad=0, index=None, bucket_key=None, provide_data=None,
                 provide_label=None):
        self.data, self.label, self.pad, self.index = data, label, pad, index
        self.bucket_key, self.provide_data, self.provide_label = (bucket_key, provide_data,
                                                                  provide_label)

    def __repr__(self):
        """MXNet's: 'DataBatch: data shapes: [(2, 3)] label shapes: None' (None without labels)."""
        return 'DataBatch: data shapes: %s label shapes: %s' % (
            [d.shape for d in self.data],
            None if self.label is None else [l.shape for l in self.label])


class DataIter:
    """The iterator protocol MXNet's Module relies on."""

    def __init__(self, batch_size=0):
        self.batch_size = batch_size

    def __iter__(self):
        return self

    def reset(self):
        """Start again from the first batch."""
        pass

    def next(self):
        """The next DataBatch (data, label, pad, index); StopIteration at the end."""
        if self.iter_next():
            return DataBatch(data=self.getdata(), label=self.getlabel(), pad=self.getpad(),
                             index=self.getindex())
        raise StopIteration

    def __next__(self):
        return self.next()

    def iter_next(self):
        """Move to the next batch; False when there is none."""
        return False

    def getdata(self):
        """The current batch's data, a list of NDArrays."""
        return None

    def getlabel(self):
        """The current batch's labels, a list of NDArrays."""
        return None

    def getindex(self):
        """The indices of the current batch's rows in the data set."""
        return None

    def getpad(self):
        """How many rows at the end of the current batch are padding (last_batch_handle='pad')."""
        return 0


def _init_data(data, allow_empty, default_name, what):
    """data as a list of (name, numpy array): accepts an array, a list of arrays or a dict."""
    if data is None or (isinstance(data, (list, tuple, dict)) and len(data) == 0):
        if not allow_empty:       # (an empty list or dict of labels means none, as in MXNet)
            raise ValueError('NDArrayIter: argument %r must not be None or empty' % what)
        return []
    if isinstance(data, dict):
        items = list(data.items())
    elif isinstance(data, (list, tuple)) and data and not np.isscalar(data[0]) and \
            hasattr(data[0], 'shape'):
        items = ([(default_name, data[0])] if len(data) == 1 else
                 [('_%d_%s' % (i, default_name), d) for i, d in enumerate(data)])
    else:
        items = [(default_name, data)]
    result = []
    for name, array in items:
        given_ndarray = isinstance(array, NDArray)
        array = to_numpy(array)
        if array.ndim == 0:
            raise ValueError('NDArrayIter: %s %r must have a batch axis, got a scalar' % (what, name))
        if what == 'label':
            array = array.astype(np.float32, copy=False)     # MXNet keeps labels as float32
        elif not given_ndarray:
            # MXNet makes anything but an NDArray an NDArray of mx.nd.array's default dtype,
            # float32: float64 NumPy data gives float32 batches there, and here (an NDArray
            # keeps its dtype)
            array = array.astype(np.float32, copy=False)
        result.append((name, array))
    return result


class NDArrayIter(DataIter):

    """Batches of in-memory arrays, as MXNet's mx.io.NDArrayIter. data, label: an array, a list or a
    dict of arrays (NumPy or NDArray); batch_size=1; shuffle=False (tinynet's generator, so
    mx.random.seed fixes the order); last_batch_handle='pad' (the last batch filled from the start,
    batch.pad rows), 'discard' or 'roll_over'; data_name='data', label_name='softmax_label';
    num_parts=1 and part_index=0 split the rows among workers."""
    def __init__(self, data, label=None, batch_size=1, shuffle=False, last_batch_handle='pad',
                 data_name='data', label_name='softmax_label', num_parts=1, part_index=0):
        """num_parts, part_index: read only part `part_index` of `num_parts` contiguous, disjoint
        parts of the rows (what each worker of data-parallel training reads; MXNet 1.x has these
        on its C++ iterators such as MNISTIter)."""
        super().__init__(batch_size)
        for arg, value in (('num_parts', num_parts), ('part_index', part_index)):
            if not isinstance(value, (int, np.integer)) or isinstance(value, bool):
                raise ValueError('NDArrayIter: %s must be an int, got %r' % (arg, value))
        if num_parts < 1 or not 0 <= part_index < num_parts:
            raise ValueError('NDArrayIter: part_index must be in [0, num_parts), got part_index=%d '
                             'num_parts=%d' % (part_index, num_parts))
        if not isinstance(batch_size, (int, np.integer)) or isinstance(batch_size, bool) or \
                batch_size <= 0:
            raise ValueError('NDArrayIter: batch_size must be a positive int, got %r' % (batch_size,))
        if last_batch_handle not in ('pad', 'discard', 'roll_over'):
            raise ValueError("NDArrayIter: last_batch_handle must be 'pad', 'discard' or "
                             "'roll_over', got %r" % (last_batch_handle,))
        self.data = _init_data(data, False, data_name, 'data')
        self.label = _init_data(label, True, label_name, 'label')
        if num_parts > 1:
            rows = self.data[0][1].shape[0]
            if num_parts > rows:
                raise ValueError('NDArrayIter: num_parts=%d parts of %d rows would leave parts '
                                 'empty; use at most %d parts' % (num_parts, rows, rows))
            start, stop = rows * part_index // num_parts, rows * (part_index + 1) // num_parts
            self.data = [(name, a[start:stop]) for name, a in self.data]
            self.label = [(name, a[start:stop]) for name, a in self.label]
        lengths = {name: array.shape[0] for name, array in self.data + self.label}
        if len(set(lengths.values())) > 1:
            raise ValueError('NDArrayIter: data and label must have the same number of rows, got '
                             '%s' % ', '.join('%s: %d' % item for item in lengths.items()))
        num_rows = self.data[0][1].shape[0]
        if num_rows == 0:
            raise ValueError('NDArrayIter: the data is empty')
        if last_batch_handle in ('discard', 'roll_over') and num_rows < batch_size:
            raise ValueError("NDArrayIter: last_batch_handle=%r with batch_size %d never gives a "
                             "batch: there are only %d rows" % (last_batch_handle, batch_size,
                                                                 num_rows))
        self.shuffle = shuffle
        self.last_batch_handle = last_batch_handle
        # `order` is the row order of this epoch; a batch gathers its rows from it. Shuffling
        # permutes this index (cheap) rather than moving the whole data set.
        self.order = np.arange(num_rows)
        if last_batch_handle == 'discard':
            self.num_data = num_rows - num_rows % batch_size
        else:
            self.num_data = num_rows
        self.cursor = -batch_size
        self._carry = None     # roll_over: the rows of the last epoch's incomplete batch
        if shuffle:
            rng.generator().shuffle(self.order)

    @property
    def idx(self):
        """The rows in this epoch's order (MXNet's name; shuffled when shuffle=True)."""
        return self.order

    @property
    def provide_data(self):
        """[DataDesc(name, (batch_size, ...), dtype)] of the data: what Module.bind takes."""
        return [DataDesc(name, (self.batch_size,) + array.shape[1:], array.dtype)
                for name, array in self.data]

    @property
    def provide_label(self):
        """[DataDesc] of the labels ([] without labels)."""
        return [DataDesc(name, (self.batch_size,) + array.shape[1:], array.dtype)
                for name, array in self.label]

    def hard_reset(self):
        """Start again from the first row, dropping what roll_over carried to the next epoch."""
        self._carry = None
        self.cursor = -self.batch_size

    def reset(self):
        """The next epoch: reshuffled when shuffle=True. With roll_over, the rows of the last
        incomplete batch open it, completed from the start of the data, and the epoch goes on from
        there (MXNet 1.9.1's cursor arithmetic, so over several epochs every row comes in cyclic
        order and an epoch has as many batches as MXNet's)."""
        if self.shuffle:
            rng.generator().shuffle(self.order)
        if self.last_batch_handle == 'roll_over' and \
                self.num_data - self.batch_size < self.cursor < self.num_data:
            self.cursor = self.cursor - self.num_data - self.batch_size
        else:
            self.cursor = -self.batch_size

    def iter_next(self):
        self.cursor += self.batch_size
        return self.cursor < self.num_data

    def _rows(self):
        """The current batch's rows and how many of them are padding. Rows are a slice when they
        are consecutive (unshuffled data): the batch is then a view of the data, no copy."""
        start = self.cursor
        if self.last_batch_handle == 'roll_over' and -self.batch_size < start < 0:
            # pad 0: every row is real. (MXNet 1.9.1 gives the number of carried rows as pad, and
            # its predict() then drops that many real rows from the batch's end; we don't.)
            return np.concatenate([self._carry, self.order[:start + self.batch_size]]), 0
        stop = start + self.batch_size
        if stop <= self.num_data:
            if not self.shuffle:
                return slice(max(start, 0), stop), 0
            return self.order[max(start, 0):stop], 0
        if self.last_batch_handle == 'pad':
            pad = stop - self.num_data
            # fill from the start of the data, tiled when the batch is larger than the data
            filler = np.resize(self.order, pad)
            return np.concatenate([self.order[start:], filler]), pad
        return self.order[start:self.num_data], 0

    def next(self):
        if not self.iter_next():
            raise StopIteration
        rows, pad = self._rows()          # once per batch: data, label and index share it
        if self.last_batch_handle == 'roll_over' and len(self._index(rows)) < self.batch_size:
            self._carry = self._index(rows).copy()       # opens the next epoch
            raise StopIteration
        return DataBatch(data=self._take(self.data, rows), label=self._take(self.label, rows),
                         pad=pad, index=self._index(rows))

    def getdata(self):
        return self._take(self.data, self._rows()[0])

    def getlabel(self):
        return self._take(self.label, self._rows()[0])

    @staticmethod
    def _take(source, rows):
        """The batch's rows of each (name, array) as NDArrays, as MXNet's batches hold: a view
        of the data for a slice, a copy for indices."""
        return [NDArray(array[rows]) for _, array in source]

    def getindex(self):
        return self._index(self._rows()[0])

    @staticmethod
    def _index(rows):
        return np.arange(rows.start, rows.stop) if isinstance(rows, slice) else rows

    def getpad(self):
        return self._rows()[1]


class MNISTIter(NDArrayIter):
    """MNIST from its IDX files, as MXNet's C++ `mx.io.MNISTIter`:

        mx.io.MNISTIter(image='data/train-images-idx3-ubyte', label='data/train-labels-idx1-ubyte',
                        batch_size=100, shuffle=True, flat=True)

    image='./train-images-idx3-ubyte', label='./train-labels-idx1-ubyte': the files (raw or
    gzipped); batch_size=128; shuffle=True (once, when the iterator is made, by `seed`=0: every
    epoch then serves the same order, as MXNet's does); flat=False: data (batch, 1, 28, 28), or
    (batch, 784) when True; silent=False prints what it loaded; num_parts=1, part_index=0 read one
    contiguous part of the files. Pixels are divided by 256 (MXNet's MNISTIter does so: 255
    becomes 0.99609375), and an incomplete last batch is dropped. Batches are named 'data' and
    'softmax_label' (labels float32 (batch,)). Other keywords MXNet's scripts pass (input_shape,
    data_shape, prefetch_buffer, ctx) are accepted and ignored, as MXNet ignores them."""

    def __init__(self, image='./train-images-idx3-ubyte', label='./train-labels-idx1-ubyte',
                 batch_size=128, shuffle=True, flat=False, seed=0, silent=False, num_parts=1,
                 part_index=0, **ignored):
        from .datasets.mnist import read_idx
        arrays = []
        for arg, path, ndim in (('image', image, 3), ('label', label, 1)):
            if not os.path.isfile(path):
                raise FileNotFoundError('MNISTIter: %s=%r: no such file (MNIST\'s IDX files, e.g. '
                                        'from mx.test_utils.get_mnist_ubyte())' % (arg, path))
            array = read_idx(path)
            if array.ndim != ndim:
                raise ValueError('MNISTIter: %s=%r holds an array of shape %s; an MNIST %s file '
                                 'has %d dimensions' % (arg, path, array.shape, arg, ndim))
            arrays.append(array)
        images, labels = arrays
        if images.shape[0] != labels.shape[0]:
            raise ValueError('MNISTIter: image=%r has %d images but label=%r has %d labels'
                             % (image, images.shape[0], label, labels.shape[0]))
        if num_parts < 1 or not 0 <= part_index < num_parts:
            raise ValueError('MNISTIter: part_index must be in [0, num_parts), got part_index=%r '
                             'num_parts=%r' % (part_index, num_parts))
        count = images.shape[0]      # MXNet's split: floor(count / num_parts * part_index)
        start = int(count / num_parts * part_index)
        stop = int(count / num_parts * (part_index + 1))
        images, labels = images[start:stop], labels[start:stop]
        if shuffle:
            order = np.random.default_rng(seed).permutation(len(labels))
            images, labels = images[order], labels[order]
        data = images.astype(np.float32) * np.float32(1 / 256)
        data = data.reshape(len(data), -1) if flat else data[:, None]
        if len(labels) < batch_size:
            raise ValueError('MNISTIter: batch_size=%d is larger than the %d images read from %r: '
                             'it would give no batch' % (batch_size, len(labels), image))
        super().__init__(data, labels.astype(np.float32), batch_size=batch_size,
                         shuffle=False, last_batch_handle='discard')
        if not silent:
            sys.stderr.write('MNISTIter: load %d images, shuffle=%d, shape=%s\n'
                             % (len(labels), bool(shuffle), (batch_size,) + data.shape[1:]))
