"""How long one /api/predict request of tinynet.explain takes for the tutorial's LeNet: the median
of 50 requests over a real HTTP connection on 127.0.0.1 (target: under 50 ms).

    python benchmarks/explain_latency.py
"""
import http.client
import json
import os
import statistics
import sys
import tempfile
import threading
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'examples'))

import tinynet as mx                                    # noqa: E402
from tinynet.explain import Explainer, make_server      # noqa: E402
from mnist_lenet import lenet                           # noqa: E402


def main():
    with tempfile.TemporaryDirectory() as folder:
        mod = mx.mod.Module(lenet())
        mod.bind([('data', (1, 1, 28, 28))], [('softmax_label', (1,))])
        mod.init_params(mx.init.Xavier())
        prefix = os.path.join(folder, 'lenet')
        mod.save_checkpoint(prefix, 1)
        server = make_server(Explainer(prefix, 1), '127.0.0.1', 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        pixels = np.zeros((28, 28))
        pixels[6:22, 12:16] = 1
        drawing = np.zeros((140, 140))
        drawing[30:110, 60:80] = 1
        bodies = {'pixels': json.dumps({'pixels': pixels.ravel().tolist()}),
                  'drawing 140x140': json.dumps({'image': {'width': 140, 'height': 140,
                                                           'pixels': drawing.ravel().tolist()}})}
        conn = http.client.HTTPConnection('127.0.0.1', server.server_address[1])
        for name, body in bodies.items():
            times = []
            for i in range(55):
                tic = time.perf_counter()
                conn.request('POST', '/api/predict', body, {'Content-Type': 'application/json'})
                response = conn.getresponse()
                response.read()
                assert response.status == 200
                if i >= 5:                              # after five to warm up
                    times.append(time.perf_counter() - tic)
            print('LeNet /api/predict, %s: median %.1f ms, max %.1f ms (50 requests)'
                  % (name, 1000 * statistics.median(times), 1000 * max(times)))
        server.shutdown()


if __name__ == '__main__':
    main()
