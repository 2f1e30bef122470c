"""The one random number generator behind tinynet: initializers and NDArrayIter's shuffle draw from
it, so `tinynet.random.seed(n)` makes a CPU run repeat bit for bit (MXNet's seed does not fix the
iterator's shuffle; ours does). Numbers are drawn on the host, so a GPU run starts from the same
weights as a CPU run with the same seed."""
import numpy as np

from .util import warn_ignored

_generator = np.random.default_rng()


def seed(seed_state, ctx='all'):
    """Reseed tinynet's generator. `ctx` is accepted for MXNet compatibility."""
    global _generator
    warn_ignored('random.seed', 'ctx', ctx, 'all')
    if not isinstance(seed_state, (int, np.integer)) or isinstance(seed_state, bool):
        raise ValueError('random.seed: seed_state must be an int, got %r' % (seed_state,))
    _generator = np.random.default_rng(int(seed_state))


def generator():
    """The current numpy Generator (reseeding replaces it, so ask for it each time)."""
    return _generator


def uniform(low=0.0, high=1.0, shape=(1,), dtype=np.float32):
    return _generator.uniform(low, high, shape).astype(dtype)


def normal(loc=0.0, scale=1.0, shape=(1,), dtype=np.float32):
    return _generator.normal(loc, scale, shape).astype(dtype)
