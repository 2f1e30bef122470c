import numpy as np
import pytest

import tinynet as mx


def rows(batch):
    return batch.data[0].asnumpy()[:, 0].astype(int).tolist()


def make(n=10, **kwargs):
    data = np.arange(n, dtype=np.float32).reshape(n, 1)
    return mx.io.NDArrayIter(data, np.arange(n), **kwargs)


def test_pad_wraps_to_the_start_and_says_how_many():
    it = make(10, batch_size=4)
    batches = list(it)
    assert [rows(b) for b in batches] == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 0, 1]]
    assert [b.pad for b in batches] == [0, 0, 2]
    assert batches[2].label[0].asnumpy().tolist() == [8, 9, 0, 1] and batches[2].label[0].dtype == np.float32


def test_pad_tiles_when_the_batch_is_larger_than_the_data():
    it = make(3, batch_size=8)
    batch = next(it)
    assert rows(batch) == [0, 1, 2, 0, 1, 2, 0, 1] and batch.pad == 5


def test_discard_drops_the_incomplete_batch():
    it = make(10, batch_size=4, last_batch_handle='discard')
    assert [rows(b) for b in it] == [[0, 1, 2, 3], [4, 5, 6, 7]]


def test_roll_over_carries_the_rest_into_the_next_epoch():
    it = make(10, batch_size=4, last_batch_handle='roll_over')
    assert [rows(b) for b in it] == [[0, 1, 2, 3], [4, 5, 6, 7]]
    it.reset()
    assert [rows(b) for b in it] == [[8, 9, 0, 1], [2, 3, 4, 5], [6, 7, 8, 9]]
    it.reset()
    assert [rows(b) for b in it] == [[0, 1, 2, 3], [4, 5, 6, 7]]


def test_reset_restarts_and_exhausted_iterator_stops():
    it = make(6, batch_size=3)
    assert len(list(it)) == 2 and list(it) == []
    it.reset()
    assert [rows(b) for b in it] == [[0, 1, 2], [3, 4, 5]]


def test_shuffle_is_a_permutation_that_keeps_pairs_and_changes_each_epoch():
    mx.random.seed(3)
    it = make(50, batch_size=10, shuffle=True)
    first = [r for b in it for r in rows(b)]
    for batch in (it.reset() or it):
        assert batch.data[0].asnumpy()[:, 0].tolist() == batch.label[0].asnumpy().tolist()   # data and label together
    it.reset()
    second = [r for b in it for r in rows(b)]
    assert sorted(first) == list(range(50)) and sorted(second) == list(range(50))
    assert first != list(range(50)) and first != second


def test_seed_fixes_the_shuffle():
    orders = []
    for _ in range(2):
        mx.random.seed(42)
        it = make(30, batch_size=10, shuffle=True)
        orders.append([r for b in it for r in rows(b)])
    assert orders[0] == orders[1]


def test_provide_data_and_label_and_names():
    it = mx.io.NDArrayIter(np.zeros((7, 1, 4, 4)), np.zeros(7), batch_size=5)
    assert it.provide_data == [('data', (5, 1, 4, 4))] and it.provide_label == [('softmax_label', (5,))]
    assert it.provide_data[0].dtype == np.float32      # as MXNet 1.9.1: NumPy data becomes float32
    it = mx.io.NDArrayIter(mx.nd.zeros((4, 3), dtype='float64'), np.zeros(4), batch_size=2)
    assert it.provide_data[0].dtype == np.float64 and next(it).data[0].dtype == np.float64
    it = mx.io.NDArrayIter({'img': np.zeros((7, 2), np.float32)}, {'lab': np.zeros(7)}, batch_size=5)
    assert [d.name for d in it.provide_data] == ['img'] and [d.name for d in it.provide_label] == ['lab']
    assert mx.io.NDArrayIter(np.zeros((7, 2)), batch_size=5).provide_label == []


def test_list_inputs_are_accepted():
    it = mx.io.NDArrayIter([np.zeros((4, 2)), np.ones((4, 3))], batch_size=2)
    assert [d.name for d in it.provide_data] == ['_0_data', '_1_data']


def test_bad_arguments_give_clear_errors():
    with pytest.raises(ValueError, match='same number of rows.*data: 10.*softmax_label: 9'):
        mx.io.NDArrayIter(np.zeros((10, 2)), np.zeros(9), batch_size=2)
    for bad in (0, -3, 2.5):
        with pytest.raises(ValueError, match='batch_size must be a positive int'):
            mx.io.NDArrayIter(np.zeros((10, 2)), batch_size=bad)
    with pytest.raises(ValueError, match='last_batch_handle'):
        mx.io.NDArrayIter(np.zeros((10, 2)), batch_size=2, last_batch_handle='wrap')


def test_unshuffled_batches_are_views_and_index_says_which_rows():
    data = np.arange(20, dtype=np.float32).reshape(10, 2)
    batch = next(mx.io.NDArrayIter(data, batch_size=4))
    assert np.shares_memory(batch.data[0].data_array, data) and batch.index.tolist() == [0, 1, 2, 3]
    mx.random.seed(0)
    shuffled = next(mx.io.NDArrayIter(data, batch_size=4, shuffle=True))
    assert not np.shares_memory(shuffled.data[0].data_array, data)
    np.testing.assert_array_equal(shuffled.data[0].asnumpy(), data[shuffled.index])


def test_roll_over_gives_mxnets_batches_epoch_after_epoch():
    """MXNet 1.9.1, 7 rows in batches of 3 with roll_over, four epochs (run there): every row
    comes in cyclic order, and the third epoch has three batches. tinynet repeated the second
    epoch's batches forever (row 5 was never seen again)."""
    it = mx.io.NDArrayIter(np.arange(7, dtype=np.float32).reshape(7, 1), np.arange(7), 3,
                           last_batch_handle='roll_over')
    epochs = []
    for _ in range(4):
        epochs.append([b.data[0].asnumpy().ravel().tolist() for b in it])
        it.reset()
    assert epochs == [[[0, 1, 2], [3, 4, 5]], [[6, 0, 1], [2, 3, 4]],
                      [[5, 6, 0], [1, 2, 3], [4, 5, 6]], [[0, 1, 2], [3, 4, 5]]]


def test_batches_hold_ndarrays_as_mxnets_do():
    batch = next(iter(mx.io.NDArrayIter(np.ones((4, 2)), np.ones(4), 2)))
    assert isinstance(batch.data[0], mx.nd.NDArray) and isinstance(batch.label[0], mx.nd.NDArray)
    assert batch.data[0].asnumpy().shape == (2, 2)          # MXNet code's idiom


def test_more_parts_than_rows_and_arrays_of_strings_are_named():
    with pytest.raises(ValueError, match='num_parts=3 parts of 2 rows'):
        mx.io.NDArrayIter(np.ones((2, 2)), None, 1, num_parts=3)
    with pytest.raises(TypeError, match='nd.array: the values must be numbers, got strings'):
        mx.nd.array(['a', 'b'])


@pytest.fixture
def mnist_ubyte(tmp_path):
    """MNIST's test split as the raw (unzipped) IDX files MXNet's MNISTIter reads."""
    import gzip
    from conftest import mnist_source
    source = mnist_source()
    if source is None:
        pytest.skip('no MNIST files')
    for name in ('t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'):
        with gzip.open('%s/%s.gz' % (source, name)) as f:
            (tmp_path / name).write_bytes(f.read())
    return tmp_path


def test_mnist_iter_reads_idx_files_as_mxnets(mnist_ubyte, capsys):
    """Checked against MXNet 1.9.1's C++ MNISTIter on the same files: pixels / 256 (255 gives
    0.99609375), labels float32 (batch,), 'data'/'softmax_label', the incomplete last batch
    dropped, parts split as floor(count / parts * index): part 1 of 3 unshuffled begins with the
    labels 7 5 5 5 2 9 2 8 4 6 and holds 3333 images, one batch of 3000."""
    image, label = str(mnist_ubyte / 't10k-images-idx3-ubyte'), str(mnist_ubyte / 't10k-labels-idx1-ubyte')
    it = mx.io.MNISTIter(image=image, label=label, batch_size=3000, shuffle=False, flat=True,
                         num_parts=3, part_index=1, input_shape=(784,))
    assert 'MNISTIter: load 3333 images, shuffle=0, shape=(3000, 784)' in capsys.readouterr().err
    assert it.provide_data[0].name == 'data' and it.provide_data[0].shape == (3000, 784)
    assert it.provide_label[0].name == 'softmax_label' and it.provide_label[0].shape == (3000,)
    batches = list(it)
    assert len(batches) == 1 and batches[0].pad == 0
    np.testing.assert_array_equal(batches[0].label[0].asnumpy()[:10], [7, 5, 5, 5, 2, 9, 2, 8, 4, 6])
    assert batches[0].label[0].dtype == np.float32
    whole = mx.io.MNISTIter(image=image, label=label, batch_size=1000, shuffle=False, silent=True)
    first = whole.next().data[0].asnumpy()
    assert first.shape == (1000, 1, 28, 28) and first.dtype == np.float32
    assert first.max() == np.float32(255 / 256)
    assert sum(1 for _ in whole) == 9            # 10 batches of 1000 in all


def test_mnist_iter_shuffles_once_by_seed(mnist_ubyte):
    image, label = str(mnist_ubyte / 't10k-images-idx3-ubyte'), str(mnist_ubyte / 't10k-labels-idx1-ubyte')

    def labels(**kwargs):
        it = mx.io.MNISTIter(image=image, label=label, batch_size=5000, silent=True, **kwargs)
        epoch1 = np.concatenate([b.label[0].asnumpy() for b in it])
        it.reset()
        return epoch1, np.concatenate([b.label[0].asnumpy() for b in it])

    plain, _ = labels(shuffle=False)
    a1, a2 = labels(seed=3)
    b1, _ = labels(seed=3)
    c1, _ = labels(seed=4)
    assert not np.array_equal(a1, plain) and np.array_equal(np.sort(a1), np.sort(plain))
    np.testing.assert_array_equal(a1, a2)        # the same order every epoch, as MXNet's
    np.testing.assert_array_equal(a1, b1)
    assert not np.array_equal(a1, c1)


def test_mnist_iter_names_a_missing_or_wrong_file(mnist_ubyte):
    label = str(mnist_ubyte / 't10k-labels-idx1-ubyte')
    with pytest.raises(FileNotFoundError, match="MNISTIter: image='nope'"):
        mx.io.MNISTIter(image='nope', label=label)
    with pytest.raises(ValueError, match='MNISTIter: image=.*labels-idx1-ubyte.*shape \\(10000,\\)'):
        mx.io.MNISTIter(image=label, label=label)
    with pytest.raises(ValueError, match='batch_size=20000 is larger than the 10000 images'):
        mx.io.MNISTIter(image=str(mnist_ubyte / 't10k-images-idx3-ubyte'), label=label,
                        batch_size=20000)


def test_get_mnist_iterator_writes_the_ubyte_files(mnist_home, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    train, val = mx.test_utils.get_mnist_iterator(batch_size=100, input_shape=(1, 28, 28))
    assert sorted(p.name for p in (tmp_path / 'data').iterdir()) == [
        't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte', 'train-images-idx3-ubyte',
        'train-labels-idx1-ubyte']
    assert train.provide_data[0].shape == (100, 1, 28, 28)
    assert sum(1 for _ in val) == 100
