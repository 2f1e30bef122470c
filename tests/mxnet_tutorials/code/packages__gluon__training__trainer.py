# MXNet 1.9 tutorial docs/python_docs/python/tutorials/packages/gluon/training/trainer.md (apache/mxnet 76d73dbd77, Apache License 2.0),
# its Python cells with the import lines changed to tinynet.

# %% cell 0
from tinynet import nd, autograd, optimizer, gluon

net = gluon.nn.Dense(1)
net.initialize()

trainer = gluon.Trainer(net.collect_params(),
                        optimizer='sgd', optimizer_params={'learning_rate':1})


# %% cell 1
batch_size = 8
X = nd.random.uniform(shape=(batch_size, 4))
y = nd.random.uniform(shape=(batch_size,))

loss = gluon.loss.L2Loss()

def forward_backward():
    with autograd.record():
        l = loss(net(X), y)
    l.backward()

forward_backward()

# %% cell 2
curr_weight = net.weight.data().copy()
print(curr_weight)

# %% cell 3
trainer.step(batch_size)
print(net.weight.data())

# %% cell 4
print(curr_weight - net.weight.grad() * 1 / batch_size)

# %% cell 5
optim = optimizer.Adam(learning_rate = 1)
trainer = gluon.Trainer(net.collect_params(), optim)

# %% cell 6
forward_backward()
trainer.step(batch_size)
net.weight.data()

# %% cell 7
trainer.learning_rate

# %% cell 8
trainer.set_learning_rate(0.1)
trainer.learning_rate
