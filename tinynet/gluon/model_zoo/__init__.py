"""gluon.model_zoo: the classic image networks of MXNet's model zoo, built layer by layer from
gluon.nn (vision/), and the store of their pretrained weights (model_store.py)."""
from . import model_store, vision  # noqa: F401
