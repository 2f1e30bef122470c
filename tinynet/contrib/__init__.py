"""mx.contrib: where MXNet 1.x also kept its ONNX functions (`mx.contrib.onnx.import_model`)."""
from .. import onnx  # noqa: F401
