"""How long get_mnist() takes to load all 70,000 images from the cache (target: under 1.5 s).

    python benchmarks/load_mnist.py        # reads $TINYNET_HOME/datasets/mnist (default ~/.tinynet)

Each run verifies the four files' SHA-256, decompresses them, checks the IDX headers and converts
the images to float32 in [0, 1]; the cache is warm (the files are in the OS page cache after the
first run), which is the case the target is about.
"""
import statistics
import time

import tinynet as mx


def main(repeats=5):
    mx.test_utils.get_mnist()                       # warm the page cache (and download if needed)
    times = []
    for _ in range(repeats):
        tic = time.perf_counter()
        data = mx.test_utils.get_mnist()
        times.append(time.perf_counter() - tic)
    assert data['train_data'].shape[0] + data['test_data'].shape[0] == 70000
    print('get_mnist from the cache: median %.3f s, min %.3f s, max %.3f s over %d runs'
          % (statistics.median(times), min(times), max(times), repeats))


if __name__ == '__main__':
    main()
