"""How fast could two CPU contexts be, at best? The Gluon tutorial's MLP step (784-128-64-10,
ReLU, batch 100) in plain NumPy, with no framework at all, three ways:

    one      the whole batch, one thread (BLAS uses every core, as tinynet's one context)
    two      two half batches on two weight replicas, one after the other (tinynet's two contexts)
    threads  the two half batches at the same time, in two Python threads: the most that a
             per-context worker thread could give. Run it with OPENBLAS_NUM_THREADS=1 too, so
             that the two threads' BLAS calls do not fight over the cores.

    python benchmarks/two_contexts_bound.py                      # BLAS on every core
    OPENBLAS_NUM_THREADS=1 python benchmarks/two_contexts_bound.py

Only the arithmetic is here: forward, backward, no update, no loss. Whatever 'threads' gains over
'one' is an upper bound on what an asynchronous engine could give tinynet's two contexts, whose
Python work (a few microseconds per op) the GIL runs one thread at a time anyway.
"""
import statistics
import threading
import time

import numpy as np

STEPS = 600          # one epoch of batch 100
LAYERS = [(784, 128), (128, 64), (64, 10)]


def replica(rng):
    return [(rng.standard_normal((n_out, n_in)) * 0.01).astype(np.float32)
            for n_in, n_out in LAYERS]


def step(x, weights):
    """Forward through ReLU layers, then backward with a head gradient of ones: the MLP's GEMMs."""
    activations = [x]
    for w in weights:
        x = np.maximum(x @ w.T, 0)
        activations.append(x)
    dy = np.ones_like(x)
    grads = []
    for i in reversed(range(len(weights))):
        dy = dy * (activations[i + 1] > 0)
        grads.append(dy.T @ activations[i])
        if i:
            dy = dy @ weights[i]
    return grads


def main():
    rng = np.random.default_rng(0)
    replicas = [replica(rng), replica(rng)]
    x = rng.random((100, 784), dtype=np.float32)
    halves = [x[:50], x[50:]]

    def one():
        for _ in range(STEPS):
            step(x, replicas[0])

    def two():
        for _ in range(STEPS):
            step(halves[0], replicas[0])
            step(halves[1], replicas[1])

    def threads():
        def work(k):
            for _ in range(STEPS):
                step(halves[k], replicas[k])
        workers = [threading.Thread(target=work, args=(k,)) for k in range(2)]
        for t in workers:
            t.start()
        for t in workers:
            t.join()

    times = {f.__name__: [] for f in (one, two, threads)}
    for _ in range(5):
        for f in (one, two, threads):
            tic = time.perf_counter()
            f()
            times[f.__name__].append(time.perf_counter() - tic)
    best = {name: statistics.median(v) for name, v in times.items()}
    for name, t in best.items():
        print('%-8s %.3f s per epoch of arithmetic, %.2fx one' % (name, t, t / best['one']))


if __name__ == '__main__':
    main()
