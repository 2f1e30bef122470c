# MXNet 1.9 tutorial docs/python_docs/python/tutorials/packages/onnx/inference_on_onnx_model.md (apache/mxnet 76d73dbd77, Apache License 2.0),
# its Python cells with the import lines changed to tinynet.

# %% cell 0
import numpy as np
import tinynet as mx
from tinynet.contrib import onnx as onnx_mxnet
from tinynet import gluon, nd
# %matplotlib inline
import matplotlib.pyplot as plt
import tarfile, os
import json
import logging
logging.basicConfig(level=logging.INFO)

# %% cell 1
image_folder = "images"
utils_file = "utils.py" # contain utils function to plot nice visualization
image_net_labels_file = "image_net_labels.json"
images = ['apron.jpg', 'hammerheadshark.jpg', 'dog.jpg', 'wrench.jpg', 'dolphin.jpg', 'lotus.jpg']
base_url = "https://raw.githubusercontent.com/dmlc/web-data/master/mxnet/doc/tutorials/onnx/{}?raw=true"

for image in images:
    mx.test_utils.download(base_url.format("{}/{}".format(image_folder, image)), fname=image,dirname=image_folder)
mx.test_utils.download(base_url.format(utils_file), fname=utils_file)
mx.test_utils.download(base_url.format(image_net_labels_file), fname=image_net_labels_file)

from utils import * 

# %% cell 2
base_url = "https://s3.amazonaws.com/download.onnx/models/opset_3/" 
current_model = "bvlc_googlenet"
model_folder = "model"
archive = "{}.tar.gz".format(current_model)
archive_file = os.path.join(model_folder, archive)
url = "{}{}".format(base_url, archive)

# %% cell 3
mx.test_utils.download(url, dirname = model_folder)
if not os.path.isdir(os.path.join(model_folder, current_model)):
    print('Extracting model...')
    tar = tarfile.open(archive_file, "r:gz")
    tar.extractall(model_folder)
    tar.close()
    print('Extracted')

# %% cell 4
categories = json.load(open(image_net_labels_file, 'r'))

# %% cell 5
onnx_path = os.path.join(model_folder, current_model, "model.onnx")

# %% cell 6
sym, arg_params, aux_params = onnx_mxnet.import_model(onnx_path)

# %% cell 7
ctx = mx.cpu()

# %% cell 8
model_metadata = onnx_mxnet.get_model_metadata(onnx_path)
print(model_metadata)

# %% cell 9
data_names = [inputs[0] for inputs in model_metadata.get('input_tensor_data')]
print(data_names)

# %% cell 10
import warnings
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    net = gluon.nn.SymbolBlock(outputs=sym, inputs=mx.sym.var('data_0'))
net_params = net.collect_params()
for param in arg_params:
    if param in net_params:
        net_params[param]._load_init(arg_params[param], ctx=ctx)
for param in aux_params:
    if param in net_params:
        net_params[param]._load_init(aux_params[param], ctx=ctx)

# %% cell 11
net.hybridize()

# %% cell 12
mx.visualization.plot_network(sym,  node_attrs={"shape":"oval","fixedsize":"false"})

# %% cell 13
def run_batch(net, data):
    results = []
    for batch in data:
        outputs = net(batch)
        results.extend([o for o in outputs.asnumpy()])
    return np.array(results)

# %% cell 14
TOP_P = 3 # How many top guesses we show in the visualization

# %% cell 15
def transform(img):
    return np.expand_dims(np.transpose(img, (2,0,1)),axis=0).astype(np.float32)

# %% cell 16
image_net_images = [plt.imread('{}/{}.jpg'.format(image_folder, path)) for path in ['apron', 'hammerheadshark','dog']]
caltech101_images = [plt.imread('{}/{}.jpg'.format(image_folder, path)) for path in ['wrench', 'dolphin','lotus']]
images = image_net_images + caltech101_images

# %% cell 17
batch = nd.array(np.concatenate([transform(img) for img in images], axis=0), ctx=ctx)
result = run_batch(net, [batch])

# %% cell 18
plot_predictions(image_net_images, result[:3], categories, TOP_P)

# %% cell 19
plot_predictions(caltech101_images, result[3:7], categories, TOP_P)
