"""Run by MXNet 1.9.1's own interpreter (never tinynet's), for tests/test_against_mxnet.py:

    $TINYNET_MXNET_PYTHON tests/mxnet_reference.py cases.npz answers.npz
    $TINYNET_MXNET_PYTHON tests/mxnet_reference.py export FOLDER
    $TINYNET_MXNET_PYTHON tests/mxnet_reference.py imports FOLDER

cases.npz holds, for each case NAME: NAME/json (a symbol as tinynet writes it: MXNet reads the
same JSON), NAME/arg/ARG and NAME/aux/AUX (the arrays), NAME/head/I (the head gradients), and
`names`. For each, MXNet binds the symbol in float64, runs forward in training mode and backward,
and answers.npz gets NAME/out/I, NAME/grad/ARG and NAME/aux/AUX (the auxiliary states after the
forward: BatchNorm's moving statistics), and NAME/mxnet_json, the symbol as MXNet writes it. Labels (arguments ending in _label) get no gradient.
"""
import os
import sys

import numpy as np


def build_gluon_net(mx):
    """A Gluon network written once for either framework (`mx` is mxnet or tinynet): layers,
    and a HybridBlock whose hybrid_forward uses array ops, so that MXNet's export holds
    Reshape, tanh, _mul_scalar, broadcast_add, sum, log_softmax, ..."""
    gluon, nn = mx.gluon, mx.gluon.nn

    class Head(gluon.HybridBlock):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            with self.name_scope():
                self.fc = nn.Dense(3)

        def hybrid_forward(self, F, x):
            h = F.tanh(x.reshape((0, -1))) * 2 + 1
            scores = F.broadcast_add(self.fc(h), F.relu(h).sum(axis=1, keepdims=True) / 10)
            return F.log_softmax(scores)

    class Net(gluon.HybridBlock):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            with self.name_scope():
                self.features = nn.HybridSequential()
                self.features.add(nn.Conv2D(4, kernel_size=3, activation='tanh'),
                                  nn.MaxPool2D(), nn.BatchNorm(), nn.Flatten(),
                                  nn.Dense(8, activation='relu'), nn.Dropout(0.5))
                self.head = Head()

        def hybrid_forward(self, F, x):
            return self.head(self.features(x))

    return Net()


def export(folder):
    """MXNet's files of a trained-looking Gluon network: export, save_parameters, nd.save."""
    import mxnet as mx
    mx.random.seed(3)
    net = build_gluon_net(mx)
    net.initialize(mx.init.Xavier())
    x = np.random.default_rng(3).standard_normal((2, 1, 8, 8)).astype(np.float32)
    with mx.autograd.record():                      # one training step: BatchNorm's statistics
        loss = net(mx.nd.array(x)).sum()            # move off their initial 0 and 1
    loss.backward()
    mx.gluon.Trainer(net.collect_params(), 'sgd', {'learning_rate': 0.1}).step(2)
    net.hybridize()
    y = net(mx.nd.array(x)).asnumpy()
    net.export(os.path.join(folder, 'gluon'), epoch=0)
    net.save_parameters(os.path.join(folder, 'gluon.params'))
    mx.nd.save(os.path.join(folder, 'dict.nd'), {
        'f32': mx.nd.array(x[0, 0]), 'f64': mx.nd.array([1.5, -2.25], dtype='float64'),
        'i64': mx.nd.array([[1, 2, 3]], dtype='int64'), 'u8': mx.nd.array([255, 0], dtype='uint8'),
        'f16': mx.nd.array([0.5, 65504], dtype='float16')})
    mx.nd.save(os.path.join(folder, 'list.nd'), [mx.nd.array([1, 2]), mx.nd.ones((2, 2, 2))])
    with mx.np_shape(True):          # V3 headers, where ndim 0 is a single number
        mx.nd.save(os.path.join(folder, 'np.nd'), {'scalar': mx.nd.array([3.5]).reshape(()),
                                                   'vector': mx.nd.ones(2)})
    np.savez(os.path.join(folder, 'io.npz'), x=x, y=y)


def imports(folder):
    """MXNet reads the files tinynet wrote into `folder` (tests/test_against_mxnet.py): a Gluon
    export through SymbolBlock.imports and Module.load, a save_parameters file into the same
    network written for MXNet, a Module checkpoint, and two nd.save files; its predictions and
    the arrays it read go to FOLDER/mxnet_read.npz."""
    import mxnet as mx
    x = np.load(os.path.join(folder, 'io.npz'))['x']
    prefix = os.path.join(folder, 'gluon')
    read = {}
    block = mx.gluon.SymbolBlock.imports(prefix + '-symbol.json', ['data'], prefix + '-0000.params')
    read['imports'] = block(mx.nd.array(x)).asnumpy()
    mod = mx.mod.Module.load(prefix, 0, label_names=None)
    mod.bind([('data', x.shape)], for_training=False)
    read['module_load'] = mod.predict(mx.nd.array(x)).asnumpy()
    net = build_gluon_net(mx)
    net.load_parameters(os.path.join(folder, 'gluon.params'))
    read['load_parameters'] = net(mx.nd.array(x)).asnumpy()
    mod = mx.mod.Module.load(os.path.join(folder, 'mlp'), 3)
    mod.bind([('data', (x.shape[0], 64))], [('softmax_label', (x.shape[0],))], for_training=False)
    read['checkpoint'] = mod.predict(mx.nd.array(x.reshape(x.shape[0], -1))).asnumpy()
    for name, array in mx.nd.load(os.path.join(folder, 'dict.nd')).items():
        read['dict/' + name] = array.asnumpy()
    for i, array in enumerate(mx.nd.load(os.path.join(folder, 'list.nd'))):
        read['list/%d' % i] = array.asnumpy()
    np.savez(os.path.join(folder, 'mxnet_read.npz'), **read)


def run_case(cases, name):
    import mxnet as mx
    symbol = mx.sym.load_json(str(cases[name + '/json']))
    arrays = {key.split('/', 2)[2]: cases[key] for key in cases.files
              if key.startswith(name + '/arg/')}
    aux = {key.split('/', 2)[2]: mx.nd.array(cases[key], dtype='float64') for key in cases.files
           if key.startswith(name + '/aux/')}
    heads = [mx.nd.array(cases['%s/head/%d' % (name, i)], dtype='float64')
             for i in range(len(symbol.list_outputs()))]
    args = {n: mx.nd.array(a, dtype='float64') for n, a in arrays.items()}
    grads = {n: mx.nd.zeros(a.shape, dtype='float64') for n, a in arrays.items()}
    req = {n: 'null' if n.endswith('_label') else 'write' for n in arrays}
    exe = symbol.bind(mx.cpu(), args=args, args_grad=grads, grad_req=req, aux_states=aux)
    outputs = exe.forward(is_train=True)
    exe.backward(heads)
    answer = {'%s/out/%d' % (name, i): o.asnumpy() for i, o in enumerate(outputs)}
    answer[name + '/mxnet_json'] = np.array(symbol.tojson())        # as MXNet writes it back
    answer.update({'%s/grad/%s' % (name, n): g.asnumpy() for n, g in grads.items()
                   if req[n] == 'write'})
    answer.update({'%s/aux/%s' % (name, n): a.asnumpy() for n, a in aux.items()})
    return answer


def main():
    if sys.argv[1] in ('export', 'imports'):
        {'export': export, 'imports': imports}[sys.argv[1]](sys.argv[2])
        return
    import mxnet as mx
    cases = np.load(sys.argv[1])
    answers = {}
    for name in [str(n) for n in cases['names']]:
        answers.update(run_case(cases, name))
    answers['mxnet_version'] = np.array(mx.__version__)
    np.savez(sys.argv[2], **answers)


if __name__ == '__main__':
    main()
