"""What every network of the zoo shares: loading MXNet's pretrained weights."""
from ..model_store import get_model_file


def load_pretrained(net, name, ctx=None, root=None):
    """Load model `name`'s pretrained weights into `net` (on `ctx`, cpu by default)."""
    net.load_parameters(get_model_file(name, root=root), ctx=ctx)
