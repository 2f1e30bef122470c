"""mx.context, as MXNet's tutorials use it to pick a device:

    ctx = mx.gpu() if mx.context.num_gpus() > 0 else mx.cpu()
"""
from .backend import Context, cpu, current_context, gpu, list_gpus  # noqa: F401 (MXNet's names)


def num_gpus():
    """How many GPUs CuPy sees (0 without CuPy or a GPU)."""
    return len(list_gpus())
