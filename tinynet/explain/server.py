"""The explain page's web server: the standard library's http.server, its own files only, a JSON API.

    GET  /                      the page (static/index.html), /static/app.js, /static/style.css
    POST /api/predict           {"pixels": [784 numbers in 0..1, row-major, light ink on dark]}
                                or {"image": {"width": W, "height": H, "pixels": [W*H in 0..1]}}
                                (a drawing, put into MNIST's form as tinynet.predict does)
                                -> {"probabilities": [10], "layers": [...], "mnist": [784]}
    GET  /api/filters           the first layer's filters as images
    GET  /api/testset?index=i   a test image, its label, and the same answer as /api/predict
    GET  /api/wrong?limit=n     test images the network gets wrong
    GET  /api/log?offset=k      the training log's epoch and batch lines from byte k on

Safe by default: it listens on 127.0.0.1 unless told otherwise, serves only the three files above
(no paths from the request reach the file system), reads at most MAX_BODY bytes of a request,
parses JSON only, and answers a bad request with a 400 and a JSON error instead of failing.
"""
import http.server
import json
import math
import os
import re
import threading
import urllib.parse

import numpy as np

from ..datasets import mnist as mnist_files

MAX_BODY = 1 << 20
HERE = os.path.dirname(os.path.abspath(__file__))
STATIC = {'/': ('index.html', 'text/html; charset=utf-8'),
          '/static/app.js': ('app.js', 'text/javascript; charset=utf-8'),
          '/static/style.css': ('style.css', 'text/css; charset=utf-8')}
LOG_LINE = re.compile(r'Epoch\[(\d+)\] (?:Batch \[(\d+)-(\d+)\].*?accuracy=([0-9.]+)|'
                      r'(Train|Validation)-accuracy=([0-9.]+))')


class BadRequest(ValueError):
    """What was wrong with a request, said back to the client with a 400 (or `status`)."""

    def __init__(self, message, status=400, headers=()):
        super().__init__(message)
        self.status, self.headers = status, dict(headers)


LOOPBACK = ('localhost', '127.0.0.1', '::1')
GET_PATHS = ('/api/filters', '/api/testset', '/api/wrong', '/api/log')
POST_PATHS = ('/api/predict',)
STALL_SECONDS = 10      # a client that sends nothing for this long is cut off


def host_name(header):
    """The host part of a Host or Origin header's authority ('[::1]:8000' -> '::1')."""
    authority = header.rpartition('//')[2].rstrip('/')
    if authority.startswith('['):
        return authority[1:authority.find(']')].lower()
    return authority.rpartition(':')[0].lower() if ':' in authority else authority.lower()


def _numbers(values, count, what):
    if not isinstance(values, list) or len(values) != count:
        raise BadRequest('%s must be a list of %d numbers, got %s' % (
            what, count, ('%d items' % len(values)) if isinstance(values, list)
            else type(values).__name__))
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
               and 0 <= v <= 1 for v in values):
        raise BadRequest('%s must hold numbers from 0 to 1' % what)
    return np.asarray(values, dtype=np.float32)


def image_from_request(body):
    """The (28, 28) MNIST-form image a /api/predict body asks about."""
    if not isinstance(body, dict) or ('pixels' in body) == ('image' in body):
        raise BadRequest('send a JSON object with "pixels" (784 numbers) or "image" '
                         '({"width", "height", "pixels"})')
    if 'pixels' in body:
        return _numbers(body['pixels'], 784, '"pixels"').reshape(28, 28)
    image = body['image']
    if not isinstance(image, dict):
        raise BadRequest('"image" must be an object with width, height and pixels')
    width, height = image.get('width'), image.get('height')
    if not all(isinstance(v, int) and not isinstance(v, bool) and 8 <= v <= 512
               for v in (width, height)):
        raise BadRequest('"image" width and height must be whole numbers from 8 to 512')
    gray = _numbers(image.get('pixels'), width * height, '"image" pixels').reshape(height, width)
    from ..predict import ImageError, to_mnist
    try:
        return to_mnist(gray.astype(np.float64), 'drawing')
    except ImageError as err:
        raise BadRequest(str(err)) from None


class TestSet:
    """The MNIST test images, loaded on first use, and the indices the network gets wrong."""

    def __init__(self, explainer, loader):
        self.explainer, self.loader = explainer, loader
        self.lock = threading.Lock()
        self.images = self.labels = self.wrong = None

    def load(self):
        with self.lock:
            if self.images is None:
                mnist = self.loader()
                self.images = mnist['test_data'].reshape(-1, 28, 28)
                self.labels = mnist['test_label'].astype(int)
        return self.images, self.labels

    def wrong_indices(self):
        images, labels = self.load()
        with self.lock:
            if self.wrong is None:
                guesses = [int(np.argmax(self.explainer.run(img)['probabilities'])) for img in
                           images] if len(images) <= 2000 else self._batched(images)
                self.wrong = [int(i) for i in np.nonzero(np.asarray(guesses) != labels)[0]]
        return self.wrong

    def _batched(self, images):
        """Predictions for many images through a Module (the explainer runs one at a time)."""
        from ..io import NDArrayIter
        from ..module import Module
        ex = self.explainer
        mod = Module(ex.symbol, data_names=[ex.input_name], label_names=None)
        data = images.reshape((-1,) + ex.input_shape[1:]).astype(np.float32)
        mod.bind([(ex.input_name, (500,) + ex.input_shape[1:])], for_training=False)
        mod.set_params(*ex.params())
        return list(np.argmax(mod.predict(NDArrayIter(data, None, 500, data_name=ex.input_name)).asnumpy(),
                              axis=1))


def make_handler(explainer, test_set, log_path):
    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = 'tinynet-explain'
        timeout = STALL_SECONDS               # the socket's: a read that waits longer raises

        def log_message(self, *args):
            pass

        def send_json(self, status, payload, headers=()):
            body = json.dumps(payload).encode()
            self.send_response(status)
            for name, value in dict(headers).items():
                self.send_header(name, value)
            self.send_header('Content-Type', 'application/json')
            self.send_header('Content-Length', str(len(body)))
            self.send_header('Cache-Control', 'no-store')
            self.end_headers()
            self.wfile.write(body)

        def handle_safely(self, handler):
            try:
                self.check_host()
                handler()
            except BadRequest as err:
                self.send_json(err.status, {'error': str(err)}, err.headers)
            except TimeoutError:
                self.close_connection = True        # a stalled client: drop it, answer no one
            except Exception as err:        # never take the server down: say what happened
                self.send_json(500, {'error': '%s: %s' % (type(err).__name__, err)})

        def check_host(self):
            """Only requests addressed to this server by a name it answers to: a web page the
            user visits cannot reach it through DNS rebinding (its Host would be the attacker's
            name), nor post to it from its own site (its Origin would be another)."""
            allowed = self.server.allowed_hosts
            host = host_name(self.headers.get('Host', ''))
            if host not in allowed:
                raise BadRequest('this server answers to %s, not to Host %r'
                                 % (', '.join(sorted(allowed)), host), 421)
            origin = self.headers.get('Origin')
            if origin is not None and host_name(origin) not in allowed:
                raise BadRequest('cross-site requests are refused (Origin %r)' % origin, 403)

        def do_GET(self):
            self.handle_safely(self.get)

        def do_POST(self):
            self.handle_safely(self.post)

        def get(self):
            url = urllib.parse.urlsplit(self.path)
            query = urllib.parse.parse_qs(url.query)
            if url.path in STATIC:
                name, kind = STATIC[url.path]
                with open(os.path.join(HERE, 'static', name), 'rb') as f:
                    body = f.read()
                self.send_response(200)
                self.send_header('Content-Type', kind)
                self.send_header('Content-Length', str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            elif url.path == '/api/filters':
                self.send_json(200, explainer.filters())
            elif url.path == '/api/testset':
                images, labels = test_set.load()
                index = self.integer(query, 'index', 0, len(images) - 1)
                answer = explainer.run(images[index])
                answer.update(index=index, label=int(labels[index]),
                              mnist=np.round(images[index].reshape(-1), 4).tolist())
                self.send_json(200, answer)
            elif url.path == '/api/wrong':
                limit = self.integer(query, 'limit', 1, 10000, default=100)
                self.send_json(200, {'indices': test_set.wrong_indices()[:limit]})
            elif url.path == '/api/log':
                self.send_json(200, read_log(log_path, self.integer(query, 'offset', 0, 1 << 40,
                                                                    default=0)))
            elif url.path in POST_PATHS:
                raise BadRequest('%s takes POST' % url.path, 405, {'Allow': 'POST'})
            else:
                self.send_json(404, {'error': 'no such page: %s' % url.path})

        @staticmethod
        def integer(query, name, low, high, default=None):
            values = query.get(name)
            if not values:
                if default is None:
                    raise BadRequest('give ?%s=' % name)
                return default
            try:
                value = int(values[0])
            except ValueError:
                raise BadRequest('%s must be a whole number, got %r' % (name, values[0])) from None
            if not low <= value <= high:
                raise BadRequest('%s must be from %d to %d, got %d' % (name, low, high, value))
            return value

        def post(self):
            path = urllib.parse.urlsplit(self.path).path
            if path in GET_PATHS or path in STATIC:
                raise BadRequest('%s takes GET' % path, 405, {'Allow': 'GET'})
            if path != '/api/predict':
                self.send_json(404, {'error': 'POST only to /api/predict'})
                return
            kind = self.headers.get('Content-Type', '').split(';')[0].strip().lower()
            if kind != 'application/json':
                self.close_connection = True
                raise BadRequest('the body must be sent as application/json, got %r' % kind, 415)
            try:
                length = int(self.headers.get('Content-Length', ''))
            except ValueError:
                raise BadRequest('a request body needs a Content-Length') from None
            if not 0 < length <= MAX_BODY:
                self.close_connection = True
                raise BadRequest('the body must be 1 to %d bytes, got %d' % (MAX_BODY, length))
            try:
                body = json.loads(self.rfile.read(length))
            except (ValueError, UnicodeDecodeError):
                raise BadRequest('the body is not JSON') from None
            except RecursionError:
                raise BadRequest('the body is JSON nested too deeply') from None
            image = image_from_request(body)
            answer = explainer.run(image)
            answer['mnist'] = np.round(image.reshape(-1), 4).tolist()
            self.send_json(200, answer)
    return Handler


def read_log(path, offset):
    """The accuracy lines of a training log from byte `offset` on, and the offset to ask next."""
    if path is None:
        return {'points': [], 'offset': 0, 'log': None}
    try:
        with open(path, 'rb') as f:
            f.seek(offset)
            text = f.read(MAX_BODY).decode('utf-8', 'replace')
    except OSError as err:
        raise BadRequest('cannot read the log %s: %s' % (path, err.strerror)) from None
    complete = text[:text.rfind('\n') + 1]            # a line still being written waits
    points = []
    for match in LOG_LINE.finditer(complete):
        epoch, start, stop, batch_acc, kind, epoch_acc = match.groups()
        if batch_acc is not None:
            points.append({'epoch': int(epoch), 'batch': int(stop), 'kind': 'batch',
                           'accuracy': float(batch_acc)})
        else:
            points.append({'epoch': int(epoch), 'kind': kind.lower(),
                           'accuracy': float(epoch_acc)})
    return {'points': points, 'offset': offset + len(complete.encode()), 'log': path}


class ExplainServer(http.server.ThreadingHTTPServer):
    """A thread per request, and room for 128 waiting connections (the default 5 reset some of
    50 clients connecting at once)."""
    daemon_threads = True
    request_queue_size = 128


def make_server(explainer, host='127.0.0.1', port=8000, log_path=None, loader=None):
    """An ExplainServer (not yet serving) for `explainer` on host:port; it answers only requests
    addressed to a loopback name or to `host` itself."""
    if not isinstance(port, int) or isinstance(port, bool) or not 0 <= port <= 65535:
        raise ValueError('explain: the port must be a whole number from 0 to 65535, got %r'
                         % (port,))
    test_set = TestSet(explainer, loader or mnist_files.load)
    server = ExplainServer((host, port), make_handler(explainer, test_set, log_path))
    server.allowed_hosts = set(LOOPBACK) | {host_name('//' + host + ':0')}
    return server
