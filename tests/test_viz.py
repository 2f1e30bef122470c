"""Learner tools: summary, graph, monitor, figures and the handwriting predictor."""
import importlib.util
import logging
import os
import subprocess
import sys

import numpy as np
import pytest

import tinynet as mx
from tinynet.datasets import mnist as mnist_data

from conftest import seed_home
from mnist_lenet import lenet
from mnist_mlp import mlp

# The predictor reads images with Pillow, an optional extra. A mark, not an importorskip in the test
# body, so that the `trained` fixture (3 epochs of MNIST) is not run for a test that then skips.
needs_pillow = pytest.mark.skipif(importlib.util.find_spec('PIL') is None,
                                  reason='the pictures extra: pip install -e ".[pictures]"')

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_summary_totals_and_shapes(capsys):
    net = lenet()
    mx.viz.print_summary(net, shape={'data': (1, 1, 28, 28)})
    text = capsys.readouterr().out
    assert 'Total params: 431080' in text
    assert 'Total params: 109386' in mx.viz.summary(mlp(), shape={'data': (1, 1, 28, 28)})
    rows = {line.split('(')[0]: line.split() for line in text.splitlines() if '(' in line
            and not line.startswith('Layer')}
    conv_names = [n for n in net.list_arguments() if n.endswith('_weight')][:2]
    first, second = [name[:-len('_weight')] for name in conv_names]
    assert rows[first][1:3] == ['20x24x24', '520'] and rows[second][1:3] == ['50x8x8', '25050']
    assert rows['softmax'][1] == '10'


def test_dot_names_every_layer_and_labels_edges_with_shapes():
    net = lenet()
    dot = mx.viz.symbol_to_dot(net, shape={'data': (1, 1, 28, 28)})
    layers = [n.name for n in net.topological_nodes() if not n.is_variable]
    for name in layers + ['data']:
        assert '"%s" [label=' % name in dot
    assert '[label="20x24x24"]' in dot and '[label="800"]' in dot
    assert dot.startswith('digraph') and dot.rstrip().endswith('}')
    shown = mx.viz.symbol_to_dot(net, hide_weights=False)
    assert 'weight' not in dot and shown.count('_weight" [label=') == 4


def test_plot_network_returns_a_graphviz_digraph():
    graphviz = pytest.importorskip('graphviz')
    graph = mx.viz.plot_network(lenet(), shape={'data': (1, 1, 28, 28)}, save_format='png')
    assert isinstance(graph, graphviz.Digraph) and graph.format == 'png'
    assert '20x24x24' in graph.source and 'softmax' in graph.source


def test_monitor_logs_outputs_weights_and_gradients(caplog):
    rng = np.random.default_rng(0)
    data, label = rng.standard_normal((40, 6)).astype(np.float32), rng.integers(0, 3, 40)
    data_sym = mx.sym.var('data')
    fc = mx.sym.FullyConnected(data_sym, num_hidden=3, name='fc')
    net = mx.sym.SoftmaxOutput(fc, name='softmax')
    mon = mx.mon.Monitor(2, pattern='fc_.*')
    mod = mx.mod.Module(net)
    with caplog.at_level(logging.INFO):
        mod.fit(mx.io.NDArrayIter(data, label, batch_size=10), num_epoch=1, monitor=mon,
                initializer=mx.init.Xavier())
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith('Batch:')]
    names = [line.split()[2] for line in lines]
    # batches 0 and 2 of 4 are watched: output, both parameters and both gradients each time
    assert sorted(set(names)) == ['fc_bias', 'fc_bias_grad', 'fc_output', 'fc_weight', 'fc_weight_grad']
    assert len(lines) == 10 and lines[0].split()[1] == '0' and lines[-1].split()[1] == '2'
    weight = mod.get_params()[0]['fc_weight']
    assert all(float(line.split()[3]) >= 0 for line in lines) and weight.size == 18


def test_monitor_stat_is_the_norm_over_sqrt_size():
    mon = mx.mon.Monitor(1)
    assert mon.stat_func(np.array([3.0, 4.0, 0.0, 0.0])) == pytest.approx(5.0 / 2.0)


# ----- figures -----

def is_png(path):
    with open(path, 'rb') as f:
        return f.read(8) == b'\x89PNG\r\n\x1a\n'


def test_figures_write_valid_pngs(tmp_path):
    pytest.importorskip('matplotlib')
    figures = pytest.importorskip('figures')
    rng = np.random.default_rng(0)
    figures.plot_digits(rng.random((32, 1, 28, 28)), np.arange(32) % 10, tmp_path / 'd.png')
    figures.plot_filters(rng.standard_normal((20, 1, 5, 5)), tmp_path / 'f.png')
    log = '\n'.join('INFO:root:Epoch[%d] Train-accuracy=0.9%d\nINFO:root:Epoch[%d] '
                    'Validation-accuracy=0.8%d' % (e, e, e, e) for e in range(3))
    curves = figures.accuracy_from_log(log)
    assert curves == {'train': [0.90, 0.91, 0.92], 'validation': [0.80, 0.81, 0.82]}
    figures.plot_accuracy(curves, tmp_path / 'a.png')
    from PIL import Image
    for name in ('d.png', 'f.png', 'a.png'):
        assert is_png(tmp_path / name)
        with Image.open(tmp_path / name) as image:
            assert image.size[0] > 100 and image.size[1] > 100
    with pytest.raises(ValueError, match='Train-accuracy'):
        figures.plot_accuracy(figures.accuracy_from_log('nothing'), tmp_path / 'x.png')


# ----- recognising your own digit -----

@pytest.fixture(scope='module')
def trained(tmp_path_factory):
    """A small MLP trained 3 epochs on MNIST, saved as a checkpoint, and the test set."""
    home = seed_home(tmp_path_factory.mktemp('home'))
    data = mnist_data.load(home=str(home), mirrors=[])
    mx.random.seed(0)
    mod = mx.mod.Module(mlp())
    mod.fit(mx.io.NDArrayIter(data['train_data'], data['train_label'], 100, shuffle=True),
            optimizer_params={'learning_rate': 0.1}, initializer=mx.init.Xavier(), num_epoch=3)
    prefix = str(tmp_path_factory.mktemp('ckpt') / 'mlp')
    mod.save_checkpoint(prefix, 3)
    return prefix, data['test_data'][:40], data['test_label'][:40]


def render_like_a_photo(digit, path, rng):
    """A 28x28 MNIST digit drawn large, dark ink on light paper, off centre, with a little noise."""
    from PIL import Image
    big = Image.fromarray((digit * 255).astype(np.uint8)).resize((150, 150), Image.BILINEAR)
    ink = np.asarray(big, dtype=np.float64) / 255
    canvas = np.full((260, 320), 0.92)
    top, left = rng.integers(10, 100), rng.integers(10, 160)
    canvas[top:top + 150, left:left + 150] -= 0.85 * ink
    canvas += rng.normal(0, 0.02, canvas.shape)
    Image.fromarray((np.clip(canvas, 0, 1) * 255).astype(np.uint8)).convert('RGB').save(path)


@needs_pillow
def test_predictor_recognises_rendered_digits(trained, tmp_path):
    from tinynet import predict
    prefix, images, labels = trained
    rng = np.random.default_rng(1)
    paths = []
    for i, image in enumerate(images):
        path = str(tmp_path / ('digit%02d.%s' % (i, 'jpg' if i % 2 else 'png')))
        render_like_a_photo(image[0], path, rng)
        paths.append(path)
    results = predict.predict_files(paths, prefix, 3)
    guesses = np.array([r[1][0][0] for r in results])
    direct = mx.mod.Module.load(prefix, 3).predict(mx.io.NDArrayIter(images, batch_size=40))
    direct = direct.asnumpy()                                 # predict gives an NDArray, as MXNet
    assert np.mean(guesses == labels) >= 0.9, (guesses, labels)
    assert np.mean(guesses == direct.argmax(axis=1)) >= 0.9
    for _, top in results:
        assert len(top) == 3 and top[0][1] >= top[1][1] >= top[2][1]


@needs_pillow
def test_to_mnist_centres_and_scales():
    from tinynet.predict import to_mnist
    gray = np.ones((100, 60))
    gray[10:50, 5:25] = 0.0                         # a dark bar, off centre, on white paper
    digit = to_mnist(gray)
    rows, cols = np.nonzero(digit > 0.5)
    assert digit.shape == (28, 28) and digit.dtype == np.float32
    assert rows.max() - rows.min() + 1 == 20        # the longer side is 20 pixels
    ys, xs = np.indices(digit.shape)
    assert abs((ys * digit).sum() / digit.sum() - 14) <= 1 and abs((xs * digit).sum() / digit.sum() - 14) <= 1


@needs_pillow
def test_predictor_cli_output_and_bad_files(trained, tmp_path):
    prefix, images, labels = trained
    good = str(tmp_path / 'seven.png')
    render_like_a_photo(images[0][0], good, np.random.default_rng(2))
    (tmp_path / 'notes.txt').write_text('not an image')
    (tmp_path / 'empty.png').write_bytes(b'')
    from PIL import Image
    Image.new('L', (50, 50), 255).save(tmp_path / 'blank.png')
    run = subprocess.run([sys.executable, '-m', 'tinynet.predict', '--prefix', prefix, '--epoch', '3',
                          good, str(tmp_path / 'notes.txt'), str(tmp_path / 'empty.png'),
                          str(tmp_path / 'blank.png'), str(tmp_path / 'missing.png')],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 2          # an expected error, as in every tool
    out_lines = run.stdout.strip().splitlines()
    assert len(out_lines) == 1 and out_lines[0].startswith(good + ': %d (' % labels[0])
    assert len(out_lines[0].split(') ')) == 3
    errors = run.stderr.strip().splitlines()
    assert len(errors) == 4 and 'Traceback' not in run.stderr
    assert 'notes.txt: not an image' in errors[0] and 'empty.png: not an image' in errors[1]
    assert 'blank.png: no digit found' in errors[2] and 'missing.png: no such file' in errors[3]
    missing = subprocess.run([sys.executable, '-m', 'tinynet.predict', '--prefix',
                              str(tmp_path / 'nope'), '--epoch', '1', good],
                             capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert missing.returncode == 2 and 'no such file: ' in missing.stderr and \
        'nope-symbol.json' in missing.stderr


def test_predictor_without_pillow_says_how_to_install(monkeypatch):
    from tinynet import predict
    monkeypatch.setitem(sys.modules, 'PIL', None)        # as if Pillow were not installed
    with pytest.raises(predict.ImageError, match=r'pip install -e "\.\[pictures\]" in tinynet'):
        predict.to_mnist(np.ones((5, 5)))
    with pytest.raises(predict.ImageError, match='Pillow is needed'):
        predict.load_digit('digit.png')
