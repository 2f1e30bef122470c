"""mx.contrib.amp: MXNet's automatic mixed precision, refused (see amp.py for why)."""
from .amp import (init, init_trainer, scale_loss, unscale, convert_symbol,  # noqa: F401
                  convert_model, convert_hybrid_block, convert_bucketing_module)
