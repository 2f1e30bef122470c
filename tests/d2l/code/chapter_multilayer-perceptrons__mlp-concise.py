# Dive into Deep Learning (d2l-ai/d2l-en d749ac0d4d, chapter_multilayer-perceptrons/mlp-concise.md), its MXNet cells with the import lines changed to tinynet. MIT-0 (LICENSE-SAMPLECODE).

# %% cell 0
from d2l import mxnet as d2l
from tinynet import gluon, init, npx
from tinynet.gluon import nn
npx.set_np()

# %% cell 1
net = nn.Sequential()
net.add(nn.Dense(256, activation='relu'),
        nn.Dense(10))
net.initialize(init.Normal(sigma=0.01))

# %% cell 2
batch_size, lr, num_epochs = 256, 0.1, 10
loss = gluon.loss.SoftmaxCrossEntropyLoss()
trainer = gluon.Trainer(net.collect_params(), 'sgd', {'learning_rate': lr})

# %% cell 3
train_iter, test_iter = d2l.load_data_fashion_mnist(batch_size)
d2l.train_ch3(net, train_iter, test_iter, loss, num_epochs, trainer)
