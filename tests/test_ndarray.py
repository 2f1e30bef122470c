"""mx.nd and mx.autograd: every operation's gradient against float64 central differences (random
head gradients, points kept off kinks), and MXNet 1.x's documented semantics."""
import numpy as np
import pytest

import tinynet as mx
from tinynet import autograd, nd


def numeric_gradients(f, arrays, head, eps=1e-6):
    """d sum(f(*arrays) * head) / d arrays, by central differences in float64 NumPy."""
    grads = []
    for k, a in enumerate(arrays):
        g = np.zeros_like(a)
        for i in np.ndindex(a.shape):
            saved = a[i]
            values = []
            for delta in (eps, -eps):
                a[i] = saved + delta
                out = f(*[nd.array(x, dtype=np.float64) for x in arrays])
                values.append(float((out.asnumpy() * head).sum()))
            a[i] = saved
            g[i] = (values[0] - values[1]) / (2 * eps)
        grads.append(g)
    return grads


def check_gradient(f, arrays, ctx=mx.cpu(), rtol=1e-6, atol=1e-8, rng=None):
    """f's backward against central differences, for a random head gradient (never all ones)."""
    rng = rng or np.random.default_rng(7)
    inputs = [nd.array(a, ctx=ctx, dtype=np.float64) for a in arrays]
    for x in inputs:
        x.attach_grad()
    with autograd.record():
        out = f(*inputs)
    head = rng.uniform(0.5, 1.5, out.shape) * rng.choice([-1.0, 1.0], out.shape)
    out.backward(nd.array(head, ctx=ctx, dtype=np.float64))
    numeric = numeric_gradients(f, [np.array(a, dtype=np.float64) for a in arrays], head)
    for i, (x, want) in enumerate(zip(inputs, numeric)):
        np.testing.assert_allclose(x.grad.asnumpy(), want, rtol=rtol, atol=atol,
                                   err_msg='gradient of input %d' % i)


def values(rng, shape, low=-2.0, high=2.0, away_from_zero=False):
    v = rng.uniform(low, high, shape)
    if away_from_zero:
        v = np.where(np.abs(v) < 0.3, 0.3 * np.sign(v) + 0.3 * (v == 0), v)
    return v


def distinct(rng, shape):
    return (rng.permutation(int(np.prod(shape))) * 0.37 - 3.0).reshape(shape)


GRADIENT_CASES = {
    # name: (function, shapes, how to draw each input)
    'add broadcast': (lambda a, b: a + b, [(2, 3, 4), (3, 1)], 'any'),
    'subtract broadcast': (lambda a, b: a - b, [(2, 1, 4), (3, 4)], 'any'),
    'multiply broadcast': (lambda a, b: a * b, [(2, 3), (1, 3)], 'any'),
    'divide broadcast': (lambda a, b: a / b, [(2, 3), (2, 1)], 'nonzero'),
    'power': (lambda a, b: a ** b, [(2, 3), (2, 3)], 'positive'),
    'scalar arithmetic': (lambda a: (2.0 - a) * 3 / (a + 5) + a ** 2 - 1 / a, [(3, 2)], 'nonzero'),
    'reflected power': (lambda a: 2.0 ** a, [(4,)], 'any'),
    'maximum': (lambda a, b: nd.maximum(a, b), [(3, 4), (3, 4)], 'distinct'),
    'minimum scalar': (lambda a: nd.minimum(a, 0.5), [(3, 4)], 'distinct'),
    'negative abs sign': (lambda a: -abs(a) + a.sign() * 3, [(3, 3)], 'nonzero'),
    'exp log sqrt square': (lambda a: a.exp() + a.log() + a.sqrt() + a.square(), [(2, 3)],
                            'positive'),
    'clip': (lambda a: a.clip(-1.0, 1.0), [(4, 4)], 'off clip edges'),
    'tanh sigmoid relu': (lambda a: a.tanh() * a.sigmoid() + a.relu(), [(3, 4)], 'nonzero'),
    'sum axis keepdims': (lambda a: a.sum(axis=1, keepdims=True) * a, [(2, 3, 4)], 'any'),
    'sum all': (lambda a: a.sum(), [(2, 3)], 'any'),
    'mean axes': (lambda a: a.mean(axis=(0, 2)), [(2, 3, 4)], 'any'),
    'max axis': (lambda a: a.max(axis=0), [(3, 4)], 'distinct'),
    'min keepdims': (lambda a: a.min(axis=-1, keepdims=True), [(3, 4)], 'distinct'),
    'prod': (lambda a: a.prod(axis=1), [(3, 4)], 'any'),
    'prod with a zero': (lambda a: (a * nd.array([[0.0, 1, 1]], a.context, np.float64)).prod(axis=1),
                         [(2, 3)], 'any'),
    'getitem basic': (lambda a: a[1:3, ::2] * 2, [(4, 5)], 'any'),
    'getitem int and None': (lambda a: a[1, None, :, 2], [(3, 4, 5)], 'any'),
    'getitem repeated rows': (lambda a: a[nd.array([0, 2, 0, 0], a.context)], [(3, 2)], 'any'),
    'reshape codes': (lambda a: a.reshape(0, -1).reshape((-4, 2, -1, -2)) * 1.5, [(4, 3, 2)],
                      'any'),
    'reshape -3': (lambda a: a.reshape(-3, 0), [(2, 3, 4)], 'any'),
    'transpose T expand flatten': (lambda a: a.T.expand_dims(1).flatten() * a.sum(), [(2, 3)],
                                   'any'),
    'dot': (lambda a, b: nd.dot(a, b), [(3, 4), (4, 2)], 'any'),
    'dot transposed': (lambda a, b: nd.dot(a, b, transpose_a=True, transpose_b=True),
                       [(4, 3), (2, 4)], 'any'),
    'dot 3-D by 2-D': (lambda a, b: nd.dot(a, b), [(2, 3, 4), (4, 5)], 'any'),
    'batch_dot': (lambda a, b: nd.batch_dot(a, b, transpose_b=True), [(2, 3, 4), (2, 5, 4)],
                  'any'),
    'matmul broadcast': (lambda a, b: a @ b, [(2, 3, 4), (4, 2)], 'any'),
    'concat': (lambda a, b: nd.concat(a, b, dim=1) * 2, [(2, 3), (2, 1)], 'any'),
    'stack': (lambda a, b: nd.stack(a, b, axis=1), [(2, 3), (2, 3)], 'any'),
    'softmax': (lambda a: nd.softmax(a, axis=1), [(3, 4)], 'any'),
    'log_softmax': (lambda a: nd.log_softmax(a), [(3, 4)], 'any'),
    'pick': (lambda a: nd.pick(a, nd.array([2, 0, 1], a.context, np.float64), axis=1), [(3, 4)],
             'any'),
    'where': (lambda a, b: nd.where(nd.array([[1, 0, 1], [0, 0, 1]], a.context, np.float64), a, b),
              [(2, 3), (2, 3)], 'any'),
    'used twice': (lambda a: a * a.tanh() + a, [(3,)], 'any'),
}


def draw(rng, shape, how):
    if how == 'distinct':
        return distinct(rng, shape)
    if how == 'positive':
        return rng.uniform(0.5, 2.0, shape)
    if how == 'nonzero':
        return values(rng, shape, away_from_zero=True)
    if how == 'off clip edges':
        v = rng.uniform(-2, 2, shape)
        return np.where(np.abs(np.abs(v) - 1) < 0.1, v * 1.3, v)
    return values(rng, shape)


@pytest.mark.parametrize('case', sorted(GRADIENT_CASES))
def test_gradient_matches_central_differences(ctx, rng, case):
    f, shapes, how = GRADIENT_CASES[case]
    check_gradient(f, [draw(rng, s, how) for s in shapes], ctx)


def test_a_wrong_backward_is_caught(rng, monkeypatch):
    """The check above can fail: square's backward without its factor 2."""
    original = mx.ops.Unary.backward

    def broken(self, xp, saved, out_grads, needs_grad):
        grads = original(self, xp, saved, out_grads, needs_grad)
        return [g / 2 for g in grads] if self.function == 'square' else grads
    monkeypatch.setattr(mx.ops.Unary, 'backward', broken)
    with pytest.raises(AssertionError, match='gradient of input 0'):
        check_gradient(lambda a: a.square(), [values(rng, (3,))])


def test_the_layer_ops_run_imperatively_with_their_symbolic_gradients(ctx, rng):
    x = rng.standard_normal((2, 1, 6, 6))
    w = rng.standard_normal((3, 1, 3, 3))
    b = rng.standard_normal(3)
    fw = rng.standard_normal((4, 12))
    fb = rng.standard_normal(4)

    def net(x, w, b, fw, fb):
        h = nd.Convolution(x, w, b, kernel=(3, 3), num_filter=3)
        h = nd.Pooling(nd.Activation(h, act_type='tanh'), kernel=(2, 2), stride=(2, 2))
        return nd.FullyConnected(nd.flatten(h), fw, fb, num_hidden=4)
    check_gradient(net, [x, w, b, fw, fb], ctx)


# ----- autograd's semantics -----

def test_grad_req_write_overwrites_and_add_accumulates():
    for req, expected in (('write', [2.0, 4.0]), ('add', [4.0, 8.0])):
        x = nd.array([1.0, 2.0])
        x.attach_grad(grad_req=req)
        for _ in range(2):
            with autograd.record():
                y = (x * x).sum()
            y.backward()
        assert x.grad.asnumpy().tolist() == expected


def test_a_vector_head_gets_ones_and_grad_leaves_dot_grad_alone():
    x = nd.array([1.0, 2.0, 3.0])
    x.attach_grad()
    with autograd.record():
        y = x * 2                               # not a scalar: MXNet uses a head gradient of ones
    y.backward()
    assert x.grad.asnumpy().tolist() == [2.0, 2.0, 2.0]
    x.grad[:] = 0
    with autograd.record():
        z = (x ** 3).sum()
    (g,) = autograd.grad(z, [x])
    assert g.asnumpy().tolist() == [3.0, 12.0, 27.0] and x.grad.asnumpy().tolist() == [0, 0, 0]


def test_backward_without_record_and_twice_are_clear_errors():
    x = nd.array([1.0, 2.0])
    x.attach_grad()
    y = x * 2                                   # outside record(): nothing was written down
    with pytest.raises(RuntimeError, match='inside autograd.record'):
        y.backward()
    with autograd.record():
        y = (x * 2).sum()
    y.backward()
    with pytest.raises(RuntimeError, match='already used by a backward pass'):
        y.backward()
    with autograd.record():
        y = (x * 2).sum()
    y.backward(retain_graph=True)
    y.backward()                                # allowed once kept
    assert x.grad.asnumpy().tolist() == [2.0, 2.0]


def test_record_pause_and_training_switches():
    assert not autograd.is_recording() and not autograd.is_training()
    x = nd.array([1.0])
    x.attach_grad()
    with autograd.record():
        assert autograd.is_recording() and autograd.is_training()
        with autograd.pause():
            assert not autograd.is_recording() and not autograd.is_training()
            y = x * 3                            # not recorded: no gradient through it
        z = (x * 2 + y).sum()
    with autograd.record(train_mode=False):
        assert autograd.is_recording() and not autograd.is_training()
    with autograd.train_mode():
        assert autograd.is_training() and not autograd.is_recording()
        with autograd.predict_mode():
            assert not autograd.is_training()
    z.backward()
    assert x.grad.asnumpy().tolist() == [2.0]
    assert not autograd.is_recording() and not autograd.is_training()


def test_detach_and_mark_variables():
    x = nd.array([1.0, 2.0])
    x.attach_grad()
    with autograd.record():
        y = x * x
        z = (y.detach() * x).sum()              # y is a constant here
    z.backward()
    assert x.grad.asnumpy().tolist() == [1.0, 4.0]
    a, g = nd.array([3.0]), nd.zeros((1,))
    autograd.mark_variables([a], [g])
    with autograd.record():
        b = a * a
    b.backward()
    assert g.asnumpy().tolist() == [6.0]


def test_in_place_updates_of_leaves_outside_record_and_refused_inside():
    w = nd.array([1.0, 2.0])
    w.attach_grad()
    with autograd.record():
        loss = (w * w).sum()
    loss.backward()
    w -= 0.5 * w.grad                           # the "from scratch" update, outside record
    w[:] = w - 0.5 * w.grad
    assert w.asnumpy().tolist() == [-1.0, -2.0]
    with autograd.record():
        with pytest.raises(RuntimeError, match='in place while autograd is recording'):
            w += 1


# ----- arrays as MXNet 1.x makes them -----

def test_array_copies_and_is_float32_and_reductions_have_shape_one():
    source = np.arange(6).reshape(2, 3)
    a = nd.array(source)
    source[0, 0] = 100
    assert a.dtype == np.float32 and a.asnumpy()[0, 0] == 0 and a.context == mx.cpu()
    assert nd.array(a, dtype='float64').dtype == np.float64
    assert a.sum().shape == (1,) and a[1, 2].shape == (1,) and a.sum().asscalar() == 15
    assert (a > 2).dtype == np.float32 and (a > 2).asnumpy().tolist() == [[0, 0, 0], [1, 1, 1]]
    assert a.argmax(axis=1).asnumpy().tolist() == [2, 2] and a.argmax().shape == (1,)


def test_reshape_and_first_axis_slices_share_memory():
    a = nd.arange(12).reshape((3, 4))
    view, row = a.reshape((4, 3)), a[1]
    a[1, 0] = -5
    assert view.asnumpy()[1, 1] == -5 and row.asnumpy()[0] == -5
    row[:] = 7
    assert a.asnumpy()[1].tolist() == [7, 7, 7, 7]


@pytest.mark.parametrize('codes, expected', [
    ((0, -1), (2, 12)), ((-2,), (2, 3, 4)), ((-3, 4), (6, 4)), ((0, -4, 1, 3, 4), (2, 1, 3, 4)),
    ((-4, 1, -1, 0, 0), (1, 2, 3, 4)), ((4, -1), (4, 6)), ((0, -3), (2, 12))])
def test_reshape_codes_as_mxnet_documents(codes, expected):
    assert nd.zeros((2, 3, 4)).reshape(codes).shape == expected


@pytest.mark.parametrize('codes, pattern', [((5, -1), 'cannot infer'), ((-1, -1), 'more than one'),
                                            ((-5,), 'not a shape code'), ((7, 7), 'cannot reshape')])
def test_bad_reshape_codes_are_named(codes, pattern):
    with pytest.raises(ValueError, match="Reshape 'reshape': .*" + pattern):
        nd.zeros((2, 3, 4)).reshape(codes)


def test_creation_functions_repr_and_random_seed():
    assert nd.zeros((2, 3)).asnumpy().sum() == 0 and nd.ones(4).shape == (4,)
    assert nd.full((2,), 7).asnumpy().tolist() == [7, 7]
    assert nd.arange(3).asnumpy().tolist() == [0, 1, 2]
    assert nd.arange(2, 5, repeat=2).asnumpy().tolist() == [2, 2, 3, 3, 4, 4]
    assert nd.empty((2, 2)).shape == (2, 2)
    assert repr(nd.array([[1, 2], [3, 4]])) == '\n[[1. 2.]\n [3. 4.]]\n<NDArray 2x2 @cpu(0)>'
    mx.random.seed(3)
    first = nd.random.uniform(-1, 1, shape=(2, 3)).asnumpy()
    mx.random.seed(3)
    again = nd.random.uniform(-1, 1, shape=(2, 3)).asnumpy()
    assert (first == again).all() and first.dtype == np.float32
    assert nd.random.normal(0, 1, shape=(1000,)).asnumpy().std() == pytest.approx(1, abs=0.1)


def test_one_hot_and_copies_between_contexts():
    assert nd.one_hot(nd.array([1, 0, 3]), 3).asnumpy().tolist() == [[0, 1, 0], [1, 0, 0],
                                                                     [0, 0, 0]]
    a = nd.array([1.0, 2.0])
    b = a.as_in_context(mx.cpu(1))
    assert b.context == mx.cpu(1) and a.as_in_context(mx.cpu(0)) is a
    with pytest.raises(ValueError, match='cpu\\(0\\) and cpu\\(1\\)'):
        a + b
    target = nd.zeros((2,))
    a.copyto(target)
    assert target.asnumpy().tolist() == [1, 2] and a.copy() is not a


def test_save_and_load_dict_and_list_without_pickle(tmp_path):
    path = str(tmp_path / 'arrays')
    nd.save(path, {'w': nd.array([[1, 2]]), 'b': nd.array([3])})
    loaded = nd.load(path)
    assert sorted(loaded) == ['b', 'w'] and loaded['w'].asnumpy().tolist() == [[1, 2]]
    nd.save(path, [nd.array([1]), nd.array([2, 3])])
    assert [a.asnumpy().tolist() for a in nd.load(path)] == [[1], [2, 3]]
    with pytest.raises(TypeError, match='not an NDArray'):
        nd.save(path, {'w': np.zeros(2)})


def test_mixed_dtypes_and_bad_layer_arguments_are_named():
    with pytest.raises(TypeError, match='dtypes float32 and float64'):
        nd.array([1.0]) + nd.array([1.0], dtype='float64')
    with pytest.raises(ValueError, match="FullyConnected 'fc'.*'weight' has shape"):
        nd.FullyConnected(nd.zeros((2, 3)), nd.zeros((4, 5)), nd.zeros(4), num_hidden=4, name='fc')
    with pytest.raises(TypeError, match='weight.*required'):
        nd.FullyConnected(nd.zeros((2, 3)), num_hidden=4)


def test_numpy_reads_an_ndarray_and_module_takes_ndarray_batches():
    x = nd.array([[1.5, -2.0], [3.0, 4.0]])
    host = np.asarray(x)
    np.testing.assert_array_equal(host, [[1.5, -2.0], [3.0, 4.0]])
    host[0, 0] = 9                                     # a copy: the NDArray is untouched
    assert x.asnumpy()[0, 0] == 1.5
    assert np.asarray(x, dtype=np.float64).dtype == np.float64
    assert isinstance(np.ones(2) + nd.ones((2,)), nd.NDArray)     # NDArray's own __radd__ still
    net = mx.sym.FullyConnected(mx.sym.var('data'), num_hidden=1, no_bias=True, name='fc')
    mod = mx.mod.Module(net, label_names=None)
    mod.bind([('data', (2, 2))], for_training=False)
    mod.init_params(arg_params={'fc_weight': nd.array([[1.0, 10.0]])})
    mod.forward(mx.io.DataBatch([x]))                 # MXNet's DataBatch holds NDArrays
    np.testing.assert_allclose(mod.get_outputs()[0].asnumpy(), [[-18.5], [43.0]])


def mxnet_file(path, arrays, names=None, storage=0, cut=None):
    """Bytes as MXNet 1.x's mx.nd.save lays them out (V2 arrays): see fileio.read_mxnet_arrays."""
    import struct
    out = struct.pack('<QQQ', 0x112, 0, len(arrays))
    for a in arrays:
        flag = {np.dtype(np.float32): 0, np.dtype(np.float64): 1, np.dtype(np.int64): 6}[a.dtype]
        out += struct.pack('<Iii', 0xF993FAC9, storage, a.ndim) + struct.pack('<%dq' % a.ndim,
                                                                             *a.shape)
        out += struct.pack('<iii', 1, 0, flag) + a.tobytes()
    out += struct.pack('<Q', len(names or []))
    for name in names or []:
        out += struct.pack('<Q', len(name)) + name.encode()
    path.write_bytes(out[:cut])
    return str(path)


def test_mxnet_ndarray_files_are_read_without_running_anything(tmp_path):
    """MXNet's own file format (mx.nd.save, .params), read field by field. With MXNet installed,
    tests/test_against_mxnet.py reads files MXNet itself wrote."""
    w, b = np.arange(6, dtype=np.float32).reshape(2, 3), np.array([1.5, -2.0])
    named = mxnet_file(tmp_path / 'a.params', [w, b], ['arg:fc_weight', 'aux:fc_stat'])
    loaded = nd.load(named)
    np.testing.assert_array_equal(loaded['arg:fc_weight'].asnumpy(), w)
    assert loaded['aux:fc_stat'].dtype == np.float64
    arg, aux = mx.model.load_params(named)                  # as a checkpoint's .params
    assert list(arg) == ['fc_weight'] and list(aux) == ['fc_stat']
    listed = nd.load(mxnet_file(tmp_path / 'l.nd', [np.array([[7]], np.int64)]))
    assert listed[0].asnumpy().tolist() == [[7]]
    with pytest.raises(ValueError, match='b.params is not an MXNet NDArray file .* ends inside '
                                         'array 0'):
        nd.load(mxnet_file(tmp_path / 'b.params', [w], ['w'], cut=70))
    with pytest.raises(ValueError, match='array 0 is sparse \\(storage type 1\\)'):
        nd.load(mxnet_file(tmp_path / 'c.params', [w], ['w'], storage=1))


def test_every_field_of_an_mxnet_file_is_checked_before_it_is_used(tmp_path):
    """A dimension of -1 read the bytes after the data as values (2 values loaded as 4) and
    moved the cursor backwards; a duplicate name let the last array win silently. Each field is
    now checked against the file's length first, and the error names the file and the field."""
    import struct
    w = np.arange(6, dtype=np.float32).reshape(2, 3)

    def write(name, body):
        (tmp_path / name).write_bytes(body)
        return str(tmp_path / name)
    values = np.array([1.0, 2.0], np.float32)
    minus_one = struct.pack('<QQQ', 0x112, 0, 1) + struct.pack('<Iii', 0xF993FAC9, 0, 1) + \
        struct.pack('<q', -1) + struct.pack('<iii', 1, 0, 0) + values.tobytes() + \
        struct.pack('<Q', 0)
    with pytest.raises(ValueError, match='neg.params .* "shape" \\(-1,\\) has a negative'):
        nd.load(write('neg.params', minus_one))
    many_axes = struct.pack('<QQQ', 0x112, 0, 1) + struct.pack('<Iii', 0xF993FAC9, 0, 10 ** 6)
    with pytest.raises(ValueError, match='"ndim" says 1000000 axes'):
        nd.load(write('axes.params', many_axes))
    huge = struct.pack('<QQQ', 0x112, 0, 1) + struct.pack('<Iii', 0xF993FAC9, 0, 2) + \
        struct.pack('<2q', 10 ** 9, 10 ** 9) + struct.pack('<iii', 1, 0, 0)
    with pytest.raises(ValueError, match='values need 4000000000000000000 bytes, only 0 are left'):
        nd.load(write('huge.params', huge))
    with pytest.raises(ValueError, match='"number of arrays" says'):
        nd.load(write('count.params', struct.pack('<QQQ', 0x112, 0, 2 ** 60)))
    with pytest.raises(ValueError, match="the name 'w' is there twice"):
        nd.load(mxnet_file(tmp_path / 'twice.params', [w, w], ['w', 'w']))
    bad_name = mxnet_file(tmp_path / 'name.params', [w], ['w'])
    raw = bytearray(open(bad_name, 'rb').read())
    raw[-1] = 0xFF
    with pytest.raises(ValueError, match='name 0 is not UTF-8'):
        nd.load(write('name.params', bytes(raw)))


def test_sparse_storage_is_refused_by_name():
    x = mx.nd.ones((2, 2))
    assert x.tostype('default') is x
    with pytest.raises(NotImplementedError, match=r"tostype\('csr'\): sparse storage"):
        x.tostype('csr')
    with pytest.raises(NotImplementedError, match=r'mx.nd.sparse.csr_matrix: sparse storage'):
        mx.nd.sparse.csr_matrix


EXTRA_SCRIPT = r'''
import json, sys
import numpy as np
if sys.argv[1] == 'mxnet':
    import mxnet as mx
else:
    import tinynet as mx
found = {}
x = mx.nd.array(np.arange(24).reshape(2, 3, 4) % 5)
a = mx.nd.array([[1, 2, 3], [4, 5, 6]])
found['argmax_channel'] = mx.nd.argmax_channel(x).asnumpy().tolist()
found['eye'] = mx.nd.eye(3, 4, 1).asnumpy().tolist()
found['linspace'] = [mx.nd.linspace(0, 1, 5).asnumpy().tolist(),
                     mx.nd.linspace(0, 1, 4, endpoint=False).asnumpy().tolist()]
found['choose'] = mx.nd.choose_element_0index(a, mx.nd.array([2, 0])).asnumpy().tolist()
found['fill'] = mx.nd.fill_element_0index(a, mx.nd.array([9, 8]),
                                          mx.nd.array([2, 0])).asnumpy().tolist()
out = mx.nd.zeros((2, 4))
found['onehot_encode'] = [mx.nd.onehot_encode(mx.nd.array([1, 3]), out) is out,
                          out.asnumpy().tolist()]
v = mx.nd.array([1, np.inf, -np.inf, np.nan])
found['isinf isnan isfinite'] = [f(v).asnumpy().tolist() for f in
                                 (mx.nd.contrib.isinf, mx.nd.contrib.isnan, mx.nd.contrib.isfinite)]
found['moveaxis concatenate'] = [list(mx.nd.moveaxis(mx.nd.ones((2, 3, 4)), 0, 2).shape),
                                 list(mx.nd.concatenate([a, a], axis=1).shape)]
found['ElementWiseSum add_n'] = [mx.nd.ElementWiseSum(a, a, a).asnumpy().tolist(),
                                 mx.nd.add_n(a, a).asnumpy().tolist()]
n = np.arange(4, dtype=np.float32).reshape(2, 2)
f = mx.nd.from_numpy(n)
found['from_numpy'] = [str(f.dtype), f.asnumpy().tolist(), bool(n.flags.writeable)]
print(json.dumps(found))
'''


def test_older_nd_functions_agree_with_mxnet():
    from conftest import side_by_side
    answers = side_by_side(EXTRA_SCRIPT)
    assert answers[1] == answers[0]


def test_add_n_and_moveaxis_carry_gradients():
    a, b = mx.nd.array([1.0, 2.0]), mx.nd.array([[3.0, 4.0]])
    a.attach_grad()
    b.attach_grad()
    with mx.autograd.record():
        y = (mx.nd.add_n(a * a, b.reshape((2,))) * mx.nd.moveaxis(b, 0, 1).reshape((2,))).sum()
    y.backward()
    np.testing.assert_allclose(a.grad.asnumpy(), [2 * 1 * 3, 2 * 2 * 4])
    np.testing.assert_allclose(b.grad.asnumpy(), [[3 + 1 + 3, 4 + 4 + 4]])


RANDOM_SHAPES_SCRIPT = r'''
import json, sys
mx = __import__(sys.argv[1])
nd = mx.nd
mx.random.seed(3)
out = {}
lam = nd.array([1.0, 10.0])
for name, numbers, arrays in (
        ('poisson', {'lam': 4}, (lam,)), ('exponential', {'scale': 2}, (lam,)),
        ('gamma', {'alpha': 2, 'beta': 3}, (lam, lam)),
        ('negative_binomial', {'k': 3, 'p': 0.4}, (lam, nd.array([0.5, 0.5]))),
        ('generalized_negative_binomial', {'mu': 2, 'alpha': 0.5}, (lam, lam)),
        ('uniform', {'low': 0, 'high': 2}, (lam, lam + 1)), ('normal', {}, (lam, lam))):
    f = getattr(nd.random, name)
    out[name] = [f(**numbers).shape, f(shape=(2, 3), **numbers).shape,
                 str(f(**numbers).dtype), str(f(dtype='float64', **numbers).dtype),
                 f(*arrays).shape, f(*arrays, shape=(3, 4)).shape, f(*arrays, shape=3).shape]
p = nd.array([[0.1, 0.2, 0.7], [0.5, 0.5, 0.0]])
q = nd.array([0.2, 0.8])
out['multinomial'] = [nd.random.multinomial(p).shape, nd.random.multinomial(p, shape=4).shape,
                      nd.random.multinomial(q).shape, nd.random.multinomial(q, shape=(2, 3)).shape,
                      str(nd.random.multinomial(p).dtype),
                      [a.shape for a in nd.random.multinomial(p, shape=2, get_prob=True)],
                      [a.shape for a in nd.random.multinomial(q, get_prob=True)]]
out['shuffle'] = nd.random.shuffle(nd.arange(6).reshape((3, 2))).shape
out['names'] = [hasattr(mx.random, n) for n in ('poisson', 'gamma', 'shuffle', 'multinomial',
                                                  'randint', 'negative_binomial')] + \
    [hasattr(nd, n) for n in ('random_poisson', 'sample_gamma', 'sample_multinomial', 'shuffle')]
print(json.dumps(out))
'''


def test_random_distributions_shapes_and_dtypes_agree_with_mxnet():
    """mx.nd.random's samplers as MXNet 1.9.1's: numbers as parameters give shape (default
    (1,)), NDArrays give params.shape + shape; float32 unless dtype; multinomial's forms."""
    from conftest import assert_agrees, side_by_side
    answers = side_by_side(RANDOM_SHAPES_SCRIPT)
    assert_agrees(answers[1], answers[0], 'random')


@pytest.mark.parametrize('name, params, mean, var', [
    ('poisson', {'lam': 4}, 4, 4), ('exponential', {'scale': 2}, 2, 4),
    ('gamma', {'alpha': 2, 'beta': 3}, 6, 18),                 # beta is the scale, as MXNet's
    ('negative_binomial', {'k': 3, 'p': 0.4}, 4.5, 11.25),     # k(1-p)/p, k(1-p)/p^2
    ('generalized_negative_binomial', {'mu': 2, 'alpha': 0.5}, 2, 4),    # mu + alpha mu^2
    ('generalized_negative_binomial', {'mu': 3, 'alpha': 0.0}, 3, 3)])   # alpha 0: Poisson
def test_random_distributions_have_mxnets_moments(name, params, mean, var):
    """The moments MXNet 1.9.1's samplers have (measured there with 200000 draws: poisson
    3.999/3.993, gamma(2, 3) 5.994/17.857, negative_binomial(3, 0.4) 4.495/11.275, ...)."""
    mx.random.seed(1)
    draws = getattr(mx.nd.random, name)(shape=(200000,), **params).asnumpy().astype(np.float64)
    assert draws.mean() == pytest.approx(mean, rel=0.02)
    assert draws.var() == pytest.approx(var, rel=0.05)
    per_element = getattr(mx.nd.random, name)(*[mx.nd.array([v, v]) for v in params.values()],
                                               shape=100000).asnumpy()
    assert per_element.shape == (2, 100000)
    assert per_element.mean(axis=1) == pytest.approx([mean, mean], rel=0.03)


def test_multinomial_draws_follow_the_probabilities_and_its_log_probability_has_a_gradient():
    """Draws' frequencies are the rows' probabilities; get_prob's log-probabilities are
    log p[sample] and their gradient (REINFORCE's) is count / p at the drawn classes, as MXNet's
    (p.grad [[0, 0, 5.714], [0, 8, 0]] there for four draws of classes 2 and 1)."""
    mx.random.seed(0)
    p = mx.nd.array([[0.1, 0.2, 0.7], [0.5, 0.5, 0.0]])
    draws = mx.nd.random.multinomial(p, shape=50000).asnumpy()
    assert draws.shape == (2, 50000) and draws.dtype == np.int32
    for row, probs in zip(draws, p.asnumpy()):
        assert np.bincount(row, minlength=3) / 50000 == pytest.approx(probs, abs=0.01)
    p.attach_grad()
    with mx.autograd.record():
        samples, logp = mx.nd.random.multinomial(p, shape=4, get_prob=True)
    logp.backward()
    s = samples.asnumpy()
    np.testing.assert_allclose(logp.asnumpy(), np.log(np.take_along_axis(p.asnumpy(), s, 1)),
                               rtol=1e-6)
    want = np.zeros((2, 3))
    for i in range(2):
        for j in s[i]:
            want[i, j] += 1 / p.asnumpy()[i, j]
    np.testing.assert_allclose(p.grad.asnumpy(), want, rtol=1e-5)
    with pytest.raises(ValueError, match='sum to 1'):
        mx.nd.random.multinomial(mx.nd.array([0.5, 0.7]))


def test_shuffle_moves_whole_rows_and_leaves_its_input():
    mx.random.seed(0)
    x = mx.nd.arange(12).reshape((6, 2))
    y = mx.nd.random.shuffle(x)
    assert (x.asnumpy() == np.arange(12).reshape(6, 2)).all()
    assert sorted(map(tuple, y.asnumpy())) == sorted(map(tuple, x.asnumpy()))
    assert (y.asnumpy()[:, 1] - y.asnumpy()[:, 0] == 1).all()
    with pytest.raises(TypeError, match='all numbers or all NDArrays'):
        mx.nd.random.gamma(mx.nd.array([1.0]), 2.0)


def test_one_value_arrays_go_into_one_place_and_an_empty_array_is_false():
    """MXNet 1.9.1 (run there): b[0] = np.array([47.8]) sets the element; bool(nd.array([])) is
    False, bool of one zero False."""
    b = mx.nd.zeros(3)
    b[0] = np.array([47.8], dtype=np.float32)
    b[1] = [3.0]
    b[2] = mx.nd.array([2.0])
    np.testing.assert_allclose(b.asnumpy(), [47.8, 3.0, 2.0], rtol=1e-6)
    c = mx.nd.zeros((2, 3))
    c[0] = np.array([[1, 2, 3]])
    assert c.asnumpy().tolist() == [[1, 2, 3], [0, 0, 0]]
    with pytest.raises(ValueError):
        b[0] = np.array([1.0, 2.0])                   # two values for one place
    assert not bool(mx.nd.array([])) and not bool(mx.nd.zeros((1,))) and bool(mx.nd.ones((1,)))
    with pytest.raises(ValueError, match='ambiguous'):
        bool(mx.nd.ones((2,)))
