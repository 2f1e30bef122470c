# MXNet 1.9 tutorial docs/python_docs/python/tutorials/packages/optimizer/index.md (apache/mxnet 76d73dbd77, Apache License 2.0),
# its Python cells with the import lines changed to tinynet.

# %% cell 0
from tinynet import gluon, optimizer

net = gluon.nn.Dense(1)
net.initialize()
optim = optimizer.SGD(learning_rate=0.1)
trainer = gluon.Trainer(net.collect_params(), optimizer=optim)

# %% cell 1
trainer = gluon.Trainer(net.collect_params(), optimizer='adam', optimizer_params={'learning_rate':1})

# %% cell 2
sgd_optimizer = optimizer.SGD(learning_rate=0.1, wd=0., momentum=0.8)

# %% cell 3
nag_optimizer = optimizer.NAG(learning_rate=0.1, momentum=0.8)

# %% cell 4
adagrad_optimizer = optimizer.AdaGrad(learning_rate=0.1, eps=1e-07)

# %% cell 5
rmsprop_optimizer = optimizer.RMSProp(learning_rate=0.001, gamma1=0.9, gamma2=0.9, epsilon=1e-07, centered=False)

# %% cell 6
adadelta_optimizer = optimizer.AdaDelta(rho=0.9, epsilon=1e-07)

# %% cell 7
adam_optimizer = optimizer.Adam(learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-08)

# %% cell 8
adamax_optimizer = optimizer.Adamax(learning_rate=0.002, beta1=0.9, beta2=0.999)

# %% cell 9
nadam_optimizer = optimizer.Nadam(learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-08)

# %% cell 10
signum_optimizer = optimizer.Signum(learning_rate=0.01, momentum=0.9, wd_lh=0.0)

# %% cell 11
lbsgd_optimizer = optimizer.LBSGD(momentum=0.0,
                                  multi_precision=False,
                                  warmup_strategy='linear',
                                  warmup_epochs=5,
                                  batch_scale=1,
                                  updates_per_epoch=32,
                                  begin_epoch=0,
                                  num_epochs=60)

# %% cell 12
dcasgd_optimizer = optimizer.DCASGD(momentum=0.0, lamda=0.04)

# %% cell 13
ftrl_optimizer = optimizer.Ftrl(lamda1=0.01, learning_rate=0.1, beta=1)

# %% cell 14
ftml_optimizer = optimizer.FTML(beta1=0.6, beta2=0.999, epsilon=1e-08)

# %% cell 15
sgld_optimizer = optimizer.SGLD()
