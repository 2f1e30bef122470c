# MXNet 1.9 tutorial docs/python_docs/python/tutorials/packages/gluon/image/pretrained_models.md (apache/mxnet 76d73dbd77, Apache License 2.0),
# its Python cells with the import lines changed to tinynet.

# %% cell 0
import json

import matplotlib.pyplot as plt
import tinynet as mx
from tinynet import gluon, nd
from tinynet.gluon.model_zoo import vision
import numpy as np
# %matplotlib inline

# %% cell 1
# We set the context to CPU, you can switch to GPU if you have one and installed a compatible version of MXNet
ctx = mx.cpu()

# %% cell 2
# We can load three the three models
densenet121 = vision.densenet121(pretrained=True, ctx=ctx)
mobileNet = vision.mobilenet0_5(pretrained=True, ctx=ctx)
resnet18 = vision.resnet18_v1(pretrained=True, ctx=ctx)

# %% cell 3
print(mobileNet)

# %% cell 4
print(mobileNet.features[0].params)

# %% cell 5
print(mobileNet.output)

# %% cell 6
mx.test_utils.download('https://raw.githubusercontent.com/dmlc/web-data/master/mxnet/doc/tutorials/onnx/image_net_labels.json')
categories = np.array(json.load(open('image_net_labels.json', 'r')))
print(categories[4])

# %% cell 7
filename = mx.test_utils.download('https://github.com/dmlc/web-data/blob/master/mxnet/doc/tutorials/onnx/images/dog.jpg?raw=true', fname='dog.jpg')

# %% cell 8
filename = 'dog.jpg'

# %% cell 9
image = mx.image.imread(filename)
plt.imshow(image.asnumpy())

# %% cell 10
def transform(image):
    resized = mx.image.resize_short(image, 224) #minimum 224x224 images
    cropped, crop_info = mx.image.center_crop(resized, (224, 224))
    normalized = mx.image.color_normalize(cropped.astype(np.float32)/255,
                                      mean=mx.nd.array([0.485, 0.456, 0.406]),
                                      std=mx.nd.array([0.229, 0.224, 0.225]))
    # the network expect batches of the form (N,3,224,224)
    transposed = normalized.transpose((2,0,1))  # Transposing from (224, 224, 3) to (3, 224, 224)
    batchified = transposed.expand_dims(axis=0) # change the shape from (3, 224, 224) to (1, 3, 224, 224)
    return batchified

# %% cell 11
predictions = resnet18(transform(image)).softmax()
print(predictions.shape)

# %% cell 12
top_pred = predictions.topk(k=3)[0].asnumpy()

# %% cell 13
for index in top_pred:
    probability = predictions[0][int(index)]
    category = categories[int(index)]
    print("{}: {:.2f}%".format(category, probability.asscalar()*100))

# %% cell 14
def predict(model, image, categories, k):
    predictions = model(transform(image)).softmax()
    top_pred = predictions.topk(k=k)[0].asnumpy()
    for index in top_pred:
        probability = predictions[0][int(index)]
        category = categories[int(index)]
        print("{}: {:.2f}%".format(category, probability.asscalar()*100))
    print('')

# %% cell 15
# %%time
predict(densenet121, image, categories, 3)

# %% cell 16
# %%time
predict(mobileNet, image, categories, 3)

# %% cell 17
# %%time
predict(resnet18, image, categories, 3)

# %% cell 18
NUM_CLASSES = 10
with resnet18.name_scope():
    resnet18.output = gluon.nn.Dense(NUM_CLASSES)

# %% cell 19
print(resnet18.output)
