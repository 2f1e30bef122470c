# MXNet 1.9 tutorial docs/python_docs/python/tutorials/packages/onnx/super_resolution.md (apache/mxnet 76d73dbd77, Apache License 2.0),
# its Python cells with the import lines changed to tinynet.

# %% cell 0
from PIL import Image
import numpy as np
import tinynet as mx
import tinynet.contrib.onnx as onnx_mxnet
from tinynet.test_utils import download
from matplotlib.pyplot import imshow

# %% cell 1
img_url = 'https://s3.amazonaws.com/onnx-mxnet/examples/super_res_input.jpg'
download(img_url, 'super_res_input.jpg')
model_url = 'https://s3.amazonaws.com/onnx-mxnet/examples/super_resolution.onnx'
onnx_model_file = download(model_url, 'super_resolution.onnx')

# %% cell 2
sym, arg, aux = onnx_mxnet.import_model(onnx_model_file)

# %% cell 3
mx.viz.plot_network(sym, node_attrs={"shape":"oval","fixedsize":"false"})

# %% cell 4
img = Image.open('super_res_input.jpg').resize((224, 224))
img_ycbcr = img.convert("YCbCr")
img_y, img_cb, img_cr = img_ycbcr.split()
test_image = np.array(img_y)[np.newaxis, np.newaxis, :, :]

# %% cell 5
data_names = [graph_input for graph_input in sym.list_inputs()
                      if graph_input not in arg and graph_input not in aux]
print(data_names)

# %% cell 6
mod = mx.mod.Module(symbol=sym, data_names=data_names, context=mx.cpu(), label_names=None)
mod.bind(for_training=False, data_shapes=[(data_names[0],test_image.shape)], label_shapes=None)
mod.set_params(arg_params=arg, aux_params=aux, allow_missing=True, allow_extra=True)

# %% cell 7
from collections import namedtuple
Batch = namedtuple('Batch', ['data'])

# forward on the provided data batch
mod.forward(Batch([mx.nd.array(test_image)]))

# %% cell 8
output = mod.get_outputs()[0][0][0]
img_out_y = Image.fromarray(np.uint8((output.asnumpy().clip(0, 255)), mode='L'))
result_img = Image.merge(
"YCbCr", [
                img_out_y,
                img_cb.resize(img_out_y.size, Image.BICUBIC),
                img_cr.resize(img_out_y.size, Image.BICUBIC)
]).convert("RGB")
result_img.save("super_res_output.jpg")
