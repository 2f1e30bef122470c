# Dive into Deep Learning (d2l-ai/d2l-en d749ac0d4d, chapter_linear-networks/softmax-regression-concise.md), its MXNet cells with the import lines changed to tinynet. MIT-0 (LICENSE-SAMPLECODE).

# %% cell 0
from d2l import mxnet as d2l
from tinynet import gluon, init, npx
from tinynet.gluon import nn
npx.set_np()

# %% cell 1
batch_size = 256
train_iter, test_iter = d2l.load_data_fashion_mnist(batch_size)

# %% cell 2
net = nn.Sequential()
net.add(nn.Dense(10))
net.initialize(init.Normal(sigma=0.01))

# %% cell 3
loss = gluon.loss.SoftmaxCrossEntropyLoss()

# %% cell 4
trainer = gluon.Trainer(net.collect_params(), 'sgd', {'learning_rate': 0.1})

# %% cell 5
num_epochs = 10
d2l.train_ch3(net, train_iter, test_iter, loss, num_epochs, trainer)
