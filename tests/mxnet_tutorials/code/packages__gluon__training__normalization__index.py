# MXNet 1.9 tutorial docs/python_docs/python/tutorials/packages/gluon/training/normalization/index.md (apache/mxnet 76d73dbd77, Apache License 2.0),
# its Python cells with the import lines changed to tinynet.

# %% cell 0
import tinynet as mx
from tinynet.gluon.data.vision.transforms import Normalize

image_int = mx.nd.random.randint(low=0, high=256, shape=(1,3,2,2))
image_float = image_int.astype('float32')/255
# the following normalization statistics are taken from gluon model zoo
normalizer = Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225])
image = normalizer(image_float)
image

# %% cell 1
data = mx.nd.arange(start=0, stop=2*2*2*2).reshape(2, 2, 2, 2)
print(data)

# %% cell 2
net = mx.gluon.nn.BatchNorm()

# %% cell 3
net.initialize()

# %% cell 4
with mx.autograd.record():
    output = net(data)
    loss = output.abs()
loss.backward()
print(output)

# %% cell 5
batch_means = data.mean(axis=1, exclude=True)
batch_vars = (data - batch_means.reshape(1, -1, 1, 1)).square().mean(axis=1, exclude=True)
print('batch_means:', batch_means.asnumpy())
print('batch_vars:', batch_vars.asnumpy())

# %% cell 6
print("manually calculated:", ((data[0][0][0][0] - batch_means[0])/batch_vars[0].sqrt()).asnumpy())
print("automatically calculated:", output[0][0][0][0].asnumpy())

# %% cell 7
print('running_mean:', net.running_mean.data().asnumpy())
print('running_var:', net.running_var.data().asnumpy())

# %% cell 8
for i in range(100):
    with mx.autograd.record():
        output = net(data)
        loss = output.abs()
    loss.backward()
print('running_means:', net.running_mean.data().asnumpy())
print('running_vars:', net.running_var.data().asnumpy())

# %% cell 9
print('beta:', net.beta.data().asnumpy())
print('gamma:', net.gamma.data().asnumpy())

# %% cell 10
print('beta gradient:', net.beta.grad().asnumpy())
print('gamma gradient:', net.gamma.grad().asnumpy())

# %% cell 11
output = net(data)
print(output)

# %% cell 12
data = mx.nd.arange(start=0, stop=2*4*2).reshape(2, 4, 2)
print(data)

# %% cell 13
net = mx.gluon.nn.LayerNorm()
net.initialize()
output = net(data)
print(output)

# %% cell 14
print('beta:', net.beta.data().asnumpy())
print('gamma:', net.gamma.data().asnumpy())

# %% cell 15
data = mx.nd.arange(start=0, stop=2*2*2*2).reshape(2, 2, 2, 2)
print(data)

# %% cell 16
net = mx.gluon.nn.InstanceNorm()
net.initialize()
output = net(data)
print(output)

# %% cell 17
print('beta:', net.beta.data().asnumpy())
print('gamma:', net.gamma.data().asnumpy())
