"""tinynet.explain: what the page shows (every layer's output, filters, receptive windows) and its
server's JSON API with good, malformed, oversized and hostile requests. (The page in a real
browser is not tested yet.)"""
import http.client
import json
import threading

import numpy as np
import pytest

import tinynet as mx
from tinynet.explain import Explainer, make_server
from mnist_lenet import lenet
from mnist_mlp import mlp


def checkpoint(tmp_path, make, name):
    net = make()
    mod = mx.mod.Module(net)
    mod.bind([('data', (1, 1, 28, 28))], [('softmax_label', (1,))])
    mx.random.seed(3)
    mod.init_params(mx.init.Xavier())
    prefix = str(tmp_path / name)
    mod.save_checkpoint(prefix, 1)
    return prefix


def fake_mnist():
    rng = np.random.default_rng(0)
    return {'test_data': rng.uniform(0, 1, (30, 1, 28, 28)).astype(np.float32),
            'test_label': rng.integers(0, 10, 30).astype(np.int8)}


@pytest.fixture
def server(tmp_path):
    log = tmp_path / 'train.log'
    log.write_text('INFO:root:Epoch[0] Batch [0-100]\tSpeed: 1.00 samples/sec\taccuracy=0.500000\n'
                   'INFO:root:Epoch[0] Train-accuracy=0.600000\n'
                   'INFO:root:Epoch[0] Validation-accuracy=0.700000\nINFO:root:Epoch[1] Bat')
    srv = make_server(Explainer(checkpoint(tmp_path, lenet, 'lenet'), 1), '127.0.0.1', 0,
                      str(log), loader=fake_mnist)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv
    srv.shutdown()
    srv.server_close()


def request(srv, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection('127.0.0.1', srv.server_address[1], timeout=30)
    headers = dict({'Content-Type': 'application/json'} if method == 'POST' else {},
                   **(headers or {}))
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, (json.loads(data) if response.getheader('Content-Type') ==
                              'application/json' else data)


def test_every_layer_of_lenet_and_the_mlp_answers(tmp_path):
    ex = Explainer(checkpoint(tmp_path, lenet, 'l'), 1)
    answer = ex.run(np.zeros((28, 28)))
    assert len(answer['probabilities']) == 10 and abs(sum(answer['probabilities']) - 1) < 1e-5
    shapes = [tuple(layer['shape']) for layer in answer['layers']]
    assert shapes[:3] == [(20, 24, 24), (20, 24, 24), (20, 12, 12)] and shapes[-1] == (10,)
    assert [ex.windows[n.name] for n in ex.layers if type(n.op).__name__ == 'Pooling'] == [
        {'size': [6, 6], 'stride': [2, 2], 'offset': [0, 0]},
        {'size': [16, 16], 'stride': [4, 4], 'offset': [0, 0]}]
    assert len(ex.filters()['images']) == 20
    mlp_ex = Explainer(checkpoint(tmp_path, mlp, 'm'), 1)
    assert mlp_ex.input_shape in ((1, 1, 28, 28), (1, 784))
    assert len(mlp_ex.filters()['images']) == 16
    assert [len(layer['values']) for layer in mlp_ex.run(np.zeros((28, 28)))['layers']][-1] == 10


def test_a_network_that_does_not_take_a_digit_is_refused(tmp_path):
    net = mx.sym.SoftmaxOutput(mx.sym.FullyConnected(mx.sym.var('data'), num_hidden=3),
                               name='softmax')
    mod = mx.mod.Module(net)
    mod.bind([('data', (1, 5))], [('softmax_label', (1,))])
    mod.init_params()
    mod.save_checkpoint(str(tmp_path / 'small'), 1)
    with pytest.raises(ValueError, match='not a network of one \\(1, 1, 28, 28\\) or \\(1, 784\\)'):
        Explainer(str(tmp_path / 'small'), 1)


def test_the_page_and_its_files(server):
    status, page = request(server, 'GET', '/')
    assert status == 200 and b'<canvas id="pad"' in page and b'id="guess"' in page
    assert request(server, 'GET', '/static/app.js')[0] == 200
    for hostile in ('/../server.py', '/static/../server.py', '/static/%2e%2e/server.py',
                    '/etc/passwd', '/static/'):
        status, answer = request(server, 'GET', hostile)
        assert status == 404 and 'no such page' in answer['error']


def test_predict_answers_pixels_and_drawings(server):
    pixels = np.zeros((28, 28))
    pixels[6:22, 13:16] = 1
    status, answer = request(server, 'POST', '/api/predict',
                             json.dumps({'pixels': pixels.ravel().tolist()}))
    assert status == 200 and len(answer['probabilities']) == 10
    assert [layer['name'] for layer in answer['layers']][0].startswith('convolution')
    drawing = np.zeros((100, 80))
    drawing[20:80, 35:45] = 1
    status, answer = request(server, 'POST', '/api/predict', json.dumps(
        {'image': {'width': 80, 'height': 100, 'pixels': drawing.ravel().tolist()}}))
    assert status == 200 and len(answer['mnist']) == 784 and max(answer['mnist']) > 0.5


@pytest.mark.parametrize('body, pattern', [
    (b'not json', 'not JSON'),
    (json.dumps({'pixels': [0.5] * 10}).encode(), '784 numbers, got 10 items'),
    (json.dumps({'pixels': [2.0] * 784}).encode(), 'numbers from 0 to 1'),
    (json.dumps({'pixels': ['x'] * 784}).encode(), 'numbers from 0 to 1'),
    (json.dumps([1, 2]).encode(), 'JSON object with "pixels"'),
    (json.dumps({'image': {'width': 8, 'height': 8, 'pixels': [0] * 64}}).encode(),
     'no digit found'),
    (json.dumps({'image': {'width': 10 ** 6, 'height': 1, 'pixels': []}}).encode(),
     'width and height'),
])
def test_bad_requests_get_a_400_that_says_why_and_the_server_lives_on(server, body, pattern):
    status, answer = request(server, 'POST', '/api/predict', body)
    assert status == 400 and pattern in answer['error']
    assert request(server, 'GET', '/api/filters')[0] == 200


def test_oversized_and_misdirected_requests(server):
    status, answer = request(server, 'POST', '/api/predict', b'x',
                             {'Content-Length': str(10 ** 9)})
    assert status == 400 and 'must be 1 to' in answer['error']
    assert request(server, 'POST', '/api/other', b'{}')[0] == 404
    assert request(server, 'GET', '/api/testset?index=99999')[0] == 400
    assert request(server, 'GET', '/api/testset?index=x')[0] == 400


def test_test_set_browser_wrong_ones_and_the_training_log(server):
    status, answer = request(server, 'GET', '/api/testset?index=3')
    assert status == 200 and answer['index'] == 3 and 0 <= answer['label'] < 10
    status, answer = request(server, 'GET', '/api/wrong?limit=5')
    assert status == 200 and len(answer['indices']) <= 5
    status, answer = request(server, 'GET', '/api/log?offset=0')
    assert [p['kind'] for p in answer['points']] == ['batch', 'train', 'validation']
    status, again = request(server, 'GET', '/api/log?offset=%d' % answer['offset'])
    assert again['points'] == []             # the half-written last line waits for its end


def test_a_network_exported_from_gluon_is_explained(tmp_path):
    from tinynet import gluon
    net = gluon.nn.HybridSequential()
    net.add(gluon.nn.Conv2D(4, kernel_size=5, activation='relu'), gluon.nn.MaxPool2D(),
            gluon.nn.Dense(10))
    net.initialize(mx.init.Xavier())
    net.hybridize()
    net(mx.nd.zeros((1, 1, 28, 28)))
    net.export(str(tmp_path / 'g'), epoch=2)
    ex = Explainer(str(tmp_path / 'g'), 2)
    answer = ex.run(np.zeros((28, 28)))
    assert abs(sum(answer['probabilities']) - 1) < 1e-5       # logits made probabilities
    assert [layer['op'] for layer in answer['layers']][:3] == ['Convolution', 'Activation',
                                                                'Pooling']
    assert len(ex.filters()['images']) == 4


def digit_pixels(seed):
    rng = np.random.default_rng(seed)
    pixels = np.zeros((28, 28))
    pixels[rng.integers(3, 10):rng.integers(18, 25), rng.integers(5, 12):rng.integers(15, 23)] = \
        rng.uniform(0.3, 1.0)
    return json.dumps({'pixels': pixels.ravel().tolist()})


def test_fifty_clients_at_once_each_get_their_own_answer(tmp_path):
    """The server's threads share one bound executor: 2 to 25 of 50 concurrent requests used to
    get another request's probabilities. Each now gets the answer it gets alone. (The executor
    is slowed between taking a request's input and running it, so that without the server's
    lock the requests would interleave on every run, not only on an unlucky one.)"""
    import time
    explainer = Explainer(checkpoint(tmp_path, lenet, 'lenet'), 1)
    bodies = [digit_pixels(seed) for seed in range(50)]
    srv = make_server(explainer, '127.0.0.1', 0, loader=fake_mnist)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        alone = [request(srv, 'POST', '/api/predict', body)[1]['probabilities']
                 for body in bodies]
        assert len({tuple(p) for p in alone}) > 40                    # the digits differ
        forward = explainer.executor.forward

        def slow_forward(**inputs):
            for name, value in inputs.items():
                explainer.executor.arg_dict[name][...] = value
            time.sleep(0.005)
            return forward()
        explainer.executor.forward = slow_forward
        answers = [None] * 50

        def ask(i):
            answers[i] = request(srv, 'POST', '/api/predict', bodies[i])

        threads = [threading.Thread(target=ask, args=(i,)) for i in range(50)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert [a[0] for a in answers] == [200] * 50
        assert [a[1]['probabilities'] for a in answers] == alone
    finally:
        srv.shutdown()
        srv.server_close()


def test_requests_from_elsewhere_are_refused(server):
    """DNS rebinding (a page of the user's browser reaching the server under the attacker's
    name), cross-site posts, other body types, and the wrong method."""
    body = digit_pixels(1)
    status, answer = request(server, 'GET', '/api/filters', headers={'Host': 'evil.example:80'})
    assert status == 421 and "not to Host 'evil.example'" in answer['error']
    for host in ('localhost:8000', '[::1]:8000', '127.0.0.1'):
        assert request(server, 'GET', '/api/filters', headers={'Host': host})[0] == 200
    status, answer = request(server, 'POST', '/api/predict', body,
                             {'Origin': 'http://evil.example'})
    assert status == 403 and 'cross-site' in answer['error']
    assert request(server, 'POST', '/api/predict', body,
                   {'Origin': 'http://127.0.0.1:%d' % server.server_address[1]})[0] == 200
    status, answer = request(server, 'POST', '/api/predict', body, {'Content-Type': 'text/plain'})
    assert status == 415 and 'application/json' in answer['error']
    conn = http.client.HTTPConnection('127.0.0.1', server.server_address[1], timeout=30)
    conn.request('GET', '/api/predict')
    response = conn.getresponse()
    assert response.status == 405 and response.getheader('Allow') == 'POST'
    conn.close()
    assert request(server, 'POST', '/api/filters', b'{}')[0] == 405
    status, answer = request(server, 'POST', '/api/predict', b'[' * 100000 + b']' * 100000)
    assert status == 400 and 'nested too deeply' in answer['error']


def test_a_client_that_stalls_mid_body_is_cut_off(tmp_path, monkeypatch):
    import socket
    import time
    from tinynet.explain import server as server_module
    monkeypatch.setattr(server_module, 'STALL_SECONDS', 0.5)
    srv = make_server(Explainer(checkpoint(tmp_path, mlp, 'mlp'), 1), '127.0.0.1', 0,
                      loader=fake_mnist)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        stalled = socket.create_connection(('127.0.0.1', srv.server_address[1]), timeout=10)
        stalled.sendall(b'POST /api/predict HTTP/1.1\r\nHost: 127.0.0.1\r\n'
                        b'Content-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"pix')
        tic = time.perf_counter()
        assert stalled.recv(100) == b''                  # closed by the server, no answer
        assert time.perf_counter() - tic < 5
        stalled.close()
        assert request(srv, 'GET', '/api/filters')[0] == 200      # and it serves on
    finally:
        srv.shutdown()
        srv.server_close()


def test_a_port_out_of_range_is_a_clear_error(tmp_path):
    explainer = Explainer(checkpoint(tmp_path, mlp, 'mlp'), 1)
    with pytest.raises(ValueError, match='port must be a whole number from 0 to 65535'):
        make_server(explainer, '127.0.0.1', 70000)
