"""mx.onnx: tinynet models to ONNX and back (export.py, importer.py); `python -m tinynet.onnx`.
Needs the onnx package: pip install -e ".[onnx]" in tinynet's checkout."""
from .export import export_model  # noqa: F401
from .importer import get_model_metadata, import_model  # noqa: F401
