"""mx.contrib.onnx: MXNet 1.x's place for its ONNX functions (`import mxnet.contrib.onnx as
onnx_mxnet`), the same functions as mx.onnx: export_model, import_model, get_model_metadata
(the onnx extra)."""
from ..onnx import export_model, get_model_metadata, import_model  # noqa: F401
