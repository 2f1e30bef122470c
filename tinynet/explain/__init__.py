"""tinynet.explain: a local web page that shows a trained network's layers answering a digit the
learner draws (`python -m tinynet.explain --prefix lenet --epoch 10`). model.py computes what the
page shows, server.py serves it; static/ is the page itself (plain HTML, CSS and JavaScript)."""
from .model import Explainer, input_shape_of  # noqa: F401
from .server import make_server  # noqa: F401
