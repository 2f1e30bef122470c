"""mx.contrib: where MXNet 1.x also kept its ONNX functions (`mx.contrib.onnx.import_model`) and
automatic mixed precision (`mx.contrib.amp`, refused: see its docstring)."""
from . import onnx  # noqa: F401  (mx.onnx's functions, importable as tinynet.contrib.onnx)
from . import amp  # noqa: F401
