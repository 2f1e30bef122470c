"""gluon.model_zoo.vision: the networks are MXNet's, layer for layer: MXNet 1.9.1 builds each,
saves its (randomly initialised) parameters and its prediction for a fixed input; tinynet's
network of the same name loads that file (as it would load MXNet's pretrained weights) and must
predict the same. Also: the parameter names, pretrained=True's file handling, and the refusals."""
import hashlib
import os
import subprocess
import sys

import numpy as np
import pytest

import tinynet as mx
from conftest import mxnet_python
from tinynet.gluon.model_zoo import model_store, vision

MODELS = {'resnet18_v1': 32, 'resnet50_v1': 32, 'resnet18_v2': 32, 'resnet50_v2': 32,  # (V1's bottleneck)
          'vgg11_bn': 32, 'alexnet': 224, 'densenet121': 224, 'squeezenet1.0': 224,
          'squeezenet1.1': 224, 'inceptionv3': 299, 'mobilenet0.25': 64,
          'mobilenetv2_0.25': 64}

MXNET_SCRIPT = r'''
import sys, numpy as onp, mxnet as mx
from mxnet.gluon.model_zoo import vision
folder = sys.argv[1]
for spec in sys.argv[2:]:
    name, size = spec.split(':')
    net = vision.get_model(name, classes=7)
    net.initialize(mx.init.Xavier(magnitude=2.0))
    x = mx.nd.array(onp.random.RandomState(0).uniform(-1, 1, (2, 3, int(size), int(size))))
    y = net(x)                      # prediction mode: BatchNorm's running statistics
    net.save_parameters('%s/%s.params' % (folder, name))
    onp.save('%s/%s.npy' % (folder, name), y.asnumpy())
    onp.save('%s/%s.names.npy' % (folder, name), onp.array(sorted(net.collect_params().keys())))
'''


def test_each_network_predicts_what_mxnets_does_with_its_weights(tmp_path):
    python = mxnet_python()
    run = subprocess.run([python, '-c', MXNET_SCRIPT, str(tmp_path)] +
                         ['%s:%d' % item for item in MODELS.items()],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    for name, size in MODELS.items():
        net = vision.get_model(name, classes=7)
        assert sorted(net.collect_params().keys()) == list(np.load(tmp_path / (name + '.names.npy')))
        net.load_parameters(str(tmp_path / (name + '.params')))
        x = mx.nd.array(np.random.RandomState(0).uniform(-1, 1, (2, 3, size, size)))
        np.testing.assert_allclose(net(x).asnumpy(), np.load(tmp_path / (name + '.npy')),
                                   rtol=1e-3, atol=1e-4, err_msg=name)


def test_a_network_trains_and_hybridizes():
    net = vision.resnet18_v1(classes=4, thumbnail=True)
    net.initialize(mx.init.Xavier())
    x = mx.nd.array(np.random.default_rng(0).standard_normal((4, 3, 16, 16)))
    y = mx.nd.array([0, 1, 2, 3])
    eager = net(x).asnumpy()
    net.hybridize()
    np.testing.assert_allclose(net(x).asnumpy(), eager, rtol=1e-4, atol=1e-5)
    trainer = mx.gluon.Trainer(net.collect_params(), 'sgd', {'learning_rate': 0.05})
    loss_fn = mx.gluon.loss.SoftmaxCrossEntropyLoss()
    losses = []
    for _ in range(8):
        with mx.autograd.record():
            loss = loss_fn(net(x), y)
        loss.backward()
        trainer.step(4)
        losses.append(float(loss.mean().asscalar()))
    assert losses[-1] < losses[0]


def test_pretrained_weights_come_from_the_store_or_a_clear_error(tmp_path, monkeypatch):
    root = tmp_path / 'models'
    monkeypatch.setenv('MXNET_GLUON_REPO', 'http://127.0.0.1:9/')       # nothing to download
    with pytest.raises(OSError, match="weights of 'alexnet' are not here: put MXNet's file "
                                      "alexnet-44335d1f.params .* into %s" % root):
        vision.alexnet(pretrained=True, root=str(root))
    # a file with the right name and digest is loaded (here: tinynet's own weights, with the
    # digest table told their SHA-1)
    net = vision.resnet18_v1(classes=5)
    net.initialize()
    x = mx.nd.ones((1, 3, 32, 32))
    net(x)                                    # the shapes are learnt at the first forward
    root.mkdir(exist_ok=True)
    path = root / ('resnet18_v1-%s.params' % model_store.short_hash('resnet18_v1'))
    net.save_parameters(str(path))
    digest = hashlib.sha1(path.read_bytes()).hexdigest()
    monkeypatch.setitem(model_store._model_sha1, 'resnet18_v1', digest)
    path.rename(root / ('resnet18_v1-%s.params' % digest[:8]))      # the name has the digest
    loaded = vision.resnet18_v1(classes=5, pretrained=True, root=str(root))
    np.testing.assert_allclose(loaded(x).asnumpy(), net(x).asnumpy(), rtol=1e-6)


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="version must be '1.0' or '1.1'"):
        vision.SqueezeNet('1.2')
    with pytest.raises(ValueError, match='num_layers must be one of'):
        vision.get_densenet(100)
    with pytest.raises(ValueError, match='Model resnet19_v1 is not supported'):
        vision.get_model('resnet19_v1')
    with pytest.raises(ValueError, match='num_layers must be one of'):
        vision.get_resnet(1, 20)
