"""The one random number generator behind tinynet: initializers, Dropout, mx.nd.random and
NDArrayIter's shuffle draw from it, so `mx.random.seed(n)` makes a CPU run repeat bit for bit (MXNet's seed does not fix the
iterator's shuffle; ours does). Numbers are drawn on the host, so a GPU run starts from the same
weights as a CPU run with the same seed."""
import numpy as np

from .util import warn_ignored

_generator = np.random.default_rng()


def seed(seed_state, ctx='all'):
    """Reseed tinynet's generator with the int `seed_state`. `ctx` ('all', MXNet's default) is
    accepted for MXNet compatibility: tinynet has one generator for every context."""
    global _generator
    warn_ignored('random.seed', 'ctx', ctx, 'all')
    if not isinstance(seed_state, (int, np.integer)) or isinstance(seed_state, bool):
        raise ValueError('random.seed: seed_state must be an int, got %r' % (seed_state,))
    _generator = np.random.default_rng(int(seed_state))


def generator():
    """The current numpy Generator (reseeding replaces it, so ask for it each time)."""
    return _generator
