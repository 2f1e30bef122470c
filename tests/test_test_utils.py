"""mx.test_utils as MXNet's own tests use it: symbolic forward and backward checks, comparisons
with MXNet's tolerances and broadcasting, random shapes and arrays, environment, MXNetError."""
import os

import numpy as np
import pytest

import tinynet as mx
from tinynet import test_utils as tu


def fully_connected(rng):
    data = mx.sym.var('data')
    sym = mx.sym.FullyConnected(data, num_hidden=2, name='fc')
    x, w, b = (rng.uniform(-1, 1, s).astype(np.float32) for s in ((3, 4), (2, 4), (2,)))
    return sym, x, w, b


def test_check_symbolic_forward_and_backward_as_mxnets_tests_call_them(rng):
    sym, x, w, b = fully_connected(rng)
    tu.check_symbolic_forward(sym, [x, w, b], [x @ w.T + b])
    tu.check_symbolic_forward(sym, {'data': x, 'fc_weight': w, 'fc_bias': b},
                              {'fc_output': x @ w.T + b})
    dy = rng.uniform(-1, 1, (3, 2)).astype(np.float32)
    expected = [dy @ w, dy.T @ x, dy.sum(axis=0)]
    grads = tu.check_symbolic_backward(sym, [x, w, b], [dy], expected)
    np.testing.assert_allclose(grads['fc_weight'], dy.T @ x, rtol=1e-5)
    tu.check_symbolic_backward(sym, [x, w, b], [dy], expected, grad_req='add')
    with pytest.raises(AssertionError, match='EXPECTED_fc_output'):
        tu.check_symbolic_forward(sym, [x, w, b], [x @ w.T + b + 0.01])
    with pytest.raises(AssertionError, match='BACKWARD_fc_weight'):
        tu.check_symbolic_backward(sym, [x, w, b], [dy], [dy @ w, 1.01 * dy.T @ x, dy.sum(0)])


def test_assert_almost_equal_broadcasts_and_takes_tolerances_by_dtype():
    tu.assert_almost_equal(np.ones((2, 3), np.float32), np.ones((1, 3), np.float32))
    tu.assert_almost_equal(np.float32([1.0]), np.float32([1.0005]))          # float32: atol 1e-3
    with pytest.raises(AssertionError):
        tu.assert_almost_equal(np.float64([1.0]), np.float64([1.0005]))      # float64: 1e-5
    with pytest.raises(AssertionError, match='shape'):
        tu.assert_almost_equal(np.ones(2), np.ones(3))
    with pytest.raises(AssertionError, match='shape'):
        tu.assert_almost_equal(np.ones((2, 3)), np.ones((1, 3)), use_broadcast=False)
    assert tu.same(mx.nd.array([1, 2]), np.array([1.0, 2.0])) and not tu.same([1], [2])
    assert tu.almost_equal(mx.nd.array([1.0]), np.array([1.00001]))
    assert tu.get_rtol(None, np.float32) == 1e-4 and tu.get_atol(0.5) == 0.5


def test_random_shapes_arrays_and_the_default_context():
    for _ in range(20):
        shape = tu.rand_shape_nd(3, dim=4)
        assert len(shape) == 3 and all(1 <= n <= 4 for n in shape)
    a = tu.rand_ndarray((2, 3))
    assert isinstance(a, mx.nd.NDArray) and a.shape == (2, 3) and a.dtype == np.float32
    assert tu.default_context() == mx.cpu()
    assert tu.random_arrays((2,), (3, 1))[1].shape == (3, 1)
    with pytest.raises(NotImplementedError, match='dense'):
        tu.rand_ndarray((2, 2), stype='csr')


def test_environment_sets_and_restores_variables():
    os.environ.pop('TINYNET_TEST_VARIABLE', None)
    with tu.environment('TINYNET_TEST_VARIABLE', '1'):
        assert os.environ['TINYNET_TEST_VARIABLE'] == '1'
        with tu.environment({'TINYNET_TEST_VARIABLE': None}):
            assert 'TINYNET_TEST_VARIABLE' not in os.environ
        assert os.environ['TINYNET_TEST_VARIABLE'] == '1'
    assert 'TINYNET_TEST_VARIABLE' not in os.environ


def test_an_op_that_does_not_fit_raises_what_mxnet_code_catches():
    """MXNet raises MXNetError (a RuntimeError) for shapes that do not fit; tinynet's error is
    that and a ValueError."""
    with pytest.raises(mx.base.MXNetError, match='do not broadcast'):
        mx.nd.ones((2, 3)) + mx.nd.ones((4, 3))
    with pytest.raises(ValueError, match="'num_hidden' must be a whole number"):
        mx.sym.FullyConnected(mx.sym.var('d'), num_hidden=2.5)
    tu.assert_exception(lambda: mx.nd.ones((2,)).reshape((3,)), mx.base.MXNetError)


def test_download_fetches_once_and_names_what_it_could_not_fetch(tmp_path):
    """Against a local HTTP server (no network here or in CI)."""
    import http.server
    import threading
    (tmp_path / 'site').mkdir()
    (tmp_path / 'site' / 'sample.txt').write_text('seven')

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(tmp_path / 'site'), **kwargs)

        def log_message(self, *args):
            pass
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = 'http://127.0.0.1:%d/sample.txt' % server.server_address[1]
        path = tu.download(url, dirname=str(tmp_path / 'out'))
        assert open(path).read() == 'seven' and path.endswith('sample.txt')
        (tmp_path / 'site' / 'sample.txt').write_text('changed')
        assert open(tu.download(url, dirname=str(tmp_path / 'out'))).read() == 'seven'   # kept
        with pytest.raises(OSError, match='could not fetch .*missing.txt \\(2 tries'):
            tu.download(url.replace('sample', 'missing'), dirname=str(tmp_path / 'out'), retries=2)
        assert not (tmp_path / 'out' / 'missing.txt').exists()
    finally:
        server.shutdown()
        server.server_close()


def test_mxnet_style_initializers_constants_and_kvstore_updaters():
    """What MXNet's guides write: an Initializer whose _init_weight fills the NDArray it is
    given, a constant parameter, and a kvstore with an updater of its own."""
    class Twos(mx.init.Initializer):
        def _init_weight(self, name, arr):
            arr[:] = 2.0
    net = mx.gluon.nn.Dense(3, in_units=2)
    net.initialize(Twos())
    np.testing.assert_array_equal(net.weight.data().asnumpy(), np.full((3, 2), 2.0))
    params = mx.gluon.ParameterDict('block_')
    const = params.get_constant('table', mx.nd.array([[1.0, 2.0]]))
    params.initialize()
    assert const.grad_req == 'null' and const.data().asnumpy().tolist() == [[1.0, 2.0]]
    kv = mx.kv.create('local')
    kv.init(3, mx.nd.ones((2,)))
    kv._set_updater(lambda key, pushed, stored: stored.__iadd__(pushed * 2))
    kv.push(3, mx.nd.ones((2,)))
    out = mx.nd.zeros((2,))
    kv.pull(3, out=out)
    assert out.asnumpy().tolist() == [3.0, 3.0]


def test_check_numeric_gradient_names_an_unknown_grad_node():
    import numpy as np
    net = mx.sym.FullyConnected(mx.sym.var('data'), num_hidden=2, name='fc')
    with pytest.raises(ValueError, match=r"grad_nodes \['nope'\] are not arguments"):
        mx.test_utils.check_numeric_gradient(
            net, {'data': np.ones((1, 3)), 'fc_weight': np.ones((2, 3)), 'fc_bias': np.ones(2)},
            grad_nodes=['nope'])


def test_effective_dtype_is_the_arrays_own_on_the_cpu():
    from tinynet.test_utils import effective_dtype
    assert effective_dtype(mx.nd.ones((2,))) == np.float32
    assert effective_dtype(np.ones(2, dtype=np.float16)) == np.float16
