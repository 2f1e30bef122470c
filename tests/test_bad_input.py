"""Bad input gets a clear error naming the layer, the argument or the file, never a silent wrong
answer (issue "Bad input never trains silently"; the cases fixed so far)."""
import json
import os

import numpy as np
import pytest

import tinynet as mx


def two_layers_named(name):
    data = mx.sym.var('data')
    h = mx.sym.FullyConnected(data, num_hidden=4, name=name)
    return mx.sym.FullyConnected(h, num_hidden=3, name=name)


def test_two_layers_with_one_name_are_refused_naming_both():
    with pytest.raises(ValueError, match="two layers are named 'fc' \\(FullyConnected 'fc' and "
                                         "FullyConnected 'fc'\\)"):
        two_layers_named('fc')
    a = mx.sym.FullyConnected(mx.sym.var('data'), num_hidden=2, name='same')
    b = mx.sym.Activation(mx.sym.var('data'), act_type='relu', name='same')
    with pytest.raises(ValueError, match="Group: two layers are named 'same'"):
        mx.sym.Group([a, b])


def test_a_shared_weight_passed_on_purpose_is_fine():
    w = mx.sym.var('shared_weight')
    h = mx.sym.FullyConnected(mx.sym.var('data'), weight=w, num_hidden=4, no_bias=True, name='a')
    out = mx.sym.FullyConnected(h, weight=w, num_hidden=4, no_bias=True, name='b')
    assert out.list_arguments() == ['data', 'shared_weight']


def lenet_json():
    from mnist_lenet import lenet
    return json.loads(lenet().tojson())


@pytest.mark.parametrize('where', ['input', 'head'])
@pytest.mark.parametrize('index', [-1, -3, 10 ** 6, 'x', 2.0])
def test_symbol_json_with_a_bad_node_index_is_refused(where, index):
    graph = lenet_json()
    if where == 'head':
        graph['heads'][0][0] = index
    else:
        graph['nodes'][-1]['inputs'][0][0] = index
    with pytest.raises(ValueError, match='load_json: (node|head).*not the index of'):
        mx.sym.load_json(json.dumps(graph))


def test_roll_over_with_a_batch_larger_than_the_data_is_refused():
    with pytest.raises(ValueError, match="'roll_over' with batch_size 20 never gives a batch: "
                                         "there are only 5 rows"):
        mx.io.NDArrayIter(np.zeros((5, 2)), np.zeros(5), batch_size=20,
                          last_batch_handle='roll_over')


@pytest.mark.parametrize('label', [[2.5, 0.0], [-0.5, 1.0]])
def test_float_labels_are_refused_not_truncated(label):
    net = mx.sym.SoftmaxOutput(mx.sym.var('data'), name='softmax')
    exe = net.bind(mx.cpu(), args={'data': np.zeros((2, 3), np.float32),
                                   'softmax_label': np.array(label, np.float32)},
                   args_grad={'data': np.zeros((2, 3), np.float32)})
    with pytest.raises(ValueError, match="SoftmaxOutput 'softmax': argument 'label' holds values "
                                         "that are not whole class numbers"):
        exe.forward(is_train=True)


def small_module():
    net = mx.sym.SoftmaxOutput(mx.sym.FullyConnected(mx.sym.var('data'), num_hidden=3, name='fc'),
                               name='softmax')
    mod = mx.mod.Module(net)
    mod.bind([('data', (4, 5))], [('softmax_label', (4,))])
    mod.init_params()
    return mod


def test_loading_parameters_of_another_shape_or_missing_ones_names_them(tmp_path):
    prefix = str(tmp_path / 'm')
    small_module().save_checkpoint(prefix, 1)
    arg, aux = mx.model.load_params(prefix + '-0001.params')
    it = mx.io.NDArrayIter(np.zeros((4, 5), np.float32), None, batch_size=4)
    cases = {'shape': dict(arg, fc_weight=np.zeros((3, 7), np.float32)),
             'missing': {k: v for k, v in arg.items() if k != 'fc_bias'},
             'extra': dict(arg, fc_scale=np.zeros(3, np.float32))}
    patterns = {'shape': "'fc_weight' has shape \\(3, 7\\).*needs \\(3, 5\\)",
                'missing': "'fc_bias' is missing", 'extra': "fc_scale.*that .*m-symbol.json does not have"}
    for case, params in cases.items():
        mx.model.save_params(prefix + '-0002.params', params)
        with pytest.raises(ValueError, match=patterns[case]):     # at load, or at first use
            mx.mod.Module.load(prefix, 2).predict(it)


def cnn_checkpoint(prefix, epoch, **changed):
    """A conv + BatchNorm + FC network saved as a checkpoint, with some parameters replaced."""
    data = mx.sym.var('data')
    net = mx.sym.Convolution(data, kernel=(3, 3), num_filter=4, name='conv')
    net = mx.sym.BatchNorm(net, name='bn')
    net = mx.sym.FullyConnected(mx.sym.flatten(net), num_hidden=5, name='fc')
    net = mx.sym.SoftmaxOutput(net, name='softmax')
    arg = {'conv_weight': np.zeros((4, 1, 3, 3)), 'conv_bias': np.zeros(4), 'bn_gamma': np.ones(4),
           'bn_beta': np.zeros(4), 'fc_weight': np.zeros((5, 144)), 'fc_bias': np.zeros(5)}
    aux = {'bn_moving_mean': np.zeros(4), 'bn_moving_var': np.ones(4)}
    for name, value in changed.items():
        (aux if name.startswith('bn_moving') else arg)[name] = value
    arg = {k: v for k, v in arg.items() if v is not None}
    mx.model.save_checkpoint(prefix, epoch, net, arg, aux)


def test_load_checkpoint_checks_the_parameters_against_the_symbol_without_data(tmp_path):
    """A layer of 4 units where the symbol says 5 is refused at load, naming the parameter, both
    files and both shapes (it loaded without a word); so are a wrong number of filters, a wrong
    kernel and normalization parameters that disagree."""
    prefix = str(tmp_path / 'cnn')
    cnn_checkpoint(prefix, 1)
    symbol, arg, aux = mx.model.load_checkpoint(prefix, 1)          # the right ones load
    assert sorted(aux) == ['bn_moving_mean', 'bn_moving_var'] and len(arg) == 6
    bad = {'fc_weight': (np.zeros((4, 144)), "'fc'.*'weight' has shape \\(4, 144\\).*needs \\(5, \\?\\)"),
           'fc_bias': (np.zeros(4), "'fc'.*'bias' has shape \\(4,\\).*needs \\(5,\\)"),
           'conv_weight': (np.zeros((4, 1, 5, 5)), "'conv'.*\\(4, 1, 5, 5\\).*needs \\(4, \\?, 3, 3\\)"),
           'bn_moving_var': (np.ones(3), "'bn'.*'moving_var' has shape \\(3,\\).*needs \\(4,\\)")}
    for epoch, (name, (value, pattern)) in enumerate(bad.items(), 2):
        cnn_checkpoint(prefix, epoch, **{name: value})
        with pytest.raises(ValueError, match='cnn-%04d.params does not fit .*cnn-symbol.json: .*%s'
                           % (epoch, pattern)):
            mx.model.load_checkpoint(prefix, epoch)
        with pytest.raises(ValueError, match=pattern):
            mx.mod.Module.load(prefix, epoch)


def test_a_renamed_parameter_is_named_both_ways(tmp_path):
    prefix = str(tmp_path / 'cnn')
    cnn_checkpoint(prefix, 1, fc_bias=None, fc_b=np.zeros(5))
    with pytest.raises(ValueError, match="\\['fc_b'\\] that .* does not have; it has no value for "
                                         "\\['fc_bias'\\] \\(renamed\\?\\)"):
        mx.model.load_checkpoint(prefix, 1)
    mod = small_module()
    arg, aux = mod.get_params()
    arg['fc_b'] = arg.pop('fc_bias')
    with pytest.raises(ValueError, match="\\['fc_b'\\] are not in the symbol and it has no value "
                                         "for \\['fc_bias'\\]"):
        mod.set_params(arg, aux)
    net = mx.gluon.nn.Dense(3, in_units=5, prefix='d_')
    net.initialize()
    mx.nd.save(str(tmp_path / 'd.params'), {'weight': mx.nd.zeros((3, 5)), 'b': mx.nd.zeros(3)})
    with pytest.raises(ValueError, match="no values for \\['bias'\\], and has \\['b'\\], which the "
                                         "block does not have \\(renamed\\?\\)"):
        net.load_parameters(str(tmp_path / 'd.params'))


def test_gluon_load_parameters_checks_the_known_dimensions_of_a_deferred_shape(tmp_path):
    saved = mx.gluon.nn.Dense(4)
    saved.initialize()
    saved(mx.nd.ones((2, 6)))
    saved.save_parameters(str(tmp_path / 'd.params'))
    net = mx.gluon.nn.Dense(5)           # weight (5, 0) until the first input
    with pytest.raises(ValueError, match="'weight' has shape \\(4, 6\\) in .*d.params, but the "
                                         "block needs \\(5, 0\\) \\(0: any size"):
        net.load_parameters(str(tmp_path / 'd.params'))
    same = mx.gluon.nn.Dense(4)
    same.load_parameters(str(tmp_path / 'd.params'))
    np.testing.assert_array_equal(same(mx.nd.ones((2, 6))).asnumpy(), saved(mx.nd.ones((2, 6))).asnumpy())


def test_parameter_values_a_parameter_cannot_hold_are_refused_by_name(tmp_path):
    """float64 values past float32's range (they loaded as inf), complex values (their imaginary
    part was dropped), strings and pickled objects (a NumPy message about allow_pickle), a single
    .npy: each refused naming the entry and the file."""
    huge = tmp_path / 'huge.params'
    mx.nd.save(str(huge), {'weight': mx.nd.array(np.full((3, 5), 1e300), dtype='float64'),
                           'bias': mx.nd.zeros(3)})
    net = mx.gluon.nn.Dense(3, in_units=5)
    net.initialize()
    with pytest.raises(ValueError, match="'weight' in .*huge.params has values up to 1e\\+300, beyond "
                                         "float32's range"):
        net.load_parameters(str(huge))
    mod = small_module()
    arg, aux = mod.get_params()
    mx.model.save_params(str(tmp_path / 'm.params'),
                         dict(arg, fc_weight=np.full((3, 5), -1e40)), aux)
    with pytest.raises(ValueError, match="'fc_weight' in .*m.params has values up to 1e\\+40"):
        mod.load_params(str(tmp_path / 'm.params'))
    old = str(tmp_path / 'old.params')          # .npz, as tinynet wrote before
    for value, pattern in ((np.ones(3) * 1j, 'complex128'), (np.array(['a', 'b']), '<U1')):
        with open(old, 'wb') as f:
            np.savez(f, **{'arg:fc_bias': value})
        with pytest.raises(ValueError, match="old.params: entry 'arg:fc_bias' holds %s values"
                                             % pattern):
            mx.model.load_params(old)
    with open(old, 'wb') as f:
        np.savez(f, **{'arg:fc_bias': np.array([object()], dtype=object)})
    with pytest.raises(ValueError, match="entry 'arg:fc_bias' holds Python objects") as info:
        mx.model.load_params(old)
    assert 'allow_pickle' not in str(info.value)
    np.save(str(tmp_path / 'one.npy'), np.zeros(3))
    with pytest.raises(ValueError, match='one.npy is a single NumPy array'):
        mx.nd.load(str(tmp_path / 'one.npy'))
    (tmp_path / 'noise').write_bytes(bytes(range(7, 250)))
    with pytest.raises(ValueError, match="noise is not a tinynet params file: it is a file "
                                         "starting .*neither MXNet's NDArray format nor an .npz") as info:
        mx.model.load_params(str(tmp_path / 'noise'))
    assert 'allow_pickle' not in str(info.value)
    (tmp_path / 'empty').write_bytes(b'')
    with pytest.raises(ValueError, match='empty is not a tinynet NDArray file: it is empty'):
        mx.nd.load(str(tmp_path / 'empty'))
    with pytest.raises(TypeError, match="nd.save: 'z' is complex128, which MXNet's file format "
                                        "cannot hold"):
        mx.fileio.save_arrays(str(tmp_path / 'z'), {'z': np.ones(2) * 1j}, 'nd.save')
    assert not os.path.exists(tmp_path / 'z')


def test_a_checkpoint_interrupted_between_its_files_leaves_the_previous_pair_loadable(
        tmp_path, monkeypatch):
    prefix = str(tmp_path / 'm')
    mod = small_module()
    mod.save_checkpoint(prefix, 1)
    bigger = mx.sym.SoftmaxOutput(mx.sym.FullyConnected(mx.sym.var('data'), num_hidden=8,
                                                        name='fc'), name='softmax')

    def crash(self, fname):
        raise KeyboardInterrupt('killed while writing %s' % fname)
    monkeypatch.setattr(mx.sym.Symbol, 'save', crash)
    with pytest.raises(KeyboardInterrupt):
        mx.model.save_checkpoint(prefix, 2, bigger, {'fc_weight': np.zeros((8, 5)),
                                                     'fc_bias': np.zeros(8)})
    monkeypatch.undo()
    symbol, arg, _ = mx.model.load_checkpoint(prefix, 1)
    assert arg['fc_weight'].shape == (3, 5) and symbol.infer_shape(data=(4, 5))[1] == [(4, 3)]
    assert sorted(os.listdir(tmp_path)) == ['m-0001.params', 'm-0002.params', 'm-symbol.json']


@pytest.mark.parametrize('top', ['0', '-2', 'many'])
def test_predict_refuses_a_top_that_is_not_positive(top, capsys):
    from tinynet import predict
    with pytest.raises(SystemExit) as exit_info:
        predict.main(['--prefix', 'x', '--epoch', '1', '--top', top, 'digit.png'])
    assert exit_info.value.code == 2 and '--top: must be a positive whole number' in \
        capsys.readouterr().err


def test_a_missing_params_file_is_named(tmp_path):
    with pytest.raises(FileNotFoundError) as info:
        mx.model.load_params(str(tmp_path / 'nothing.params'))
    assert info.value.filename == str(tmp_path / 'nothing.params')


# ----- argument types and ranges at the public entries -----

@pytest.mark.parametrize('make, error, pattern', [
    (lambda d: mx.sym.FullyConnected(d, num_hidden=2.7, name='fc'), ValueError,
     "fc.*'num_hidden' must be a whole number, got 2.7"),
    (lambda d: mx.sym.FullyConnected(d, num_hidden=True, name='fc'), ValueError, "'num_hidden'"),
    (lambda d: mx.sym.Convolution(d, kernel=(2.5, 2.5), num_filter=2, name='c'), ValueError,
     "c.*'kernel' must be a tuple of 2 ints"),
    (lambda d: mx.sym.Pooling(d, kernel=(2, 2), stride=(1.5, 1), name='p'), ValueError,
     "p.*'stride'"),
    (lambda d: mx.sym.Dropout(d, p=1.5, name='drop'), ValueError, "drop.*'p' must be in"),
    (lambda d: mx.sym.SoftmaxOutput(d, grad_scale=float('nan'), name='s'), ValueError,
     "s.*'grad_scale' must be a finite number"),
])
def test_layer_arguments_of_the_wrong_type_or_range_are_named(make, error, pattern):
    with pytest.raises(error, match=pattern):
        make(mx.sym.var('data'))


def test_fit_and_optimizer_arguments_are_checked():
    mod = small_module()
    it = mx.io.NDArrayIter(np.zeros((4, 5), np.float32), np.zeros(4, np.float32), 4)
    with pytest.raises(ValueError, match='Module.fit: num_epoch must be a whole number >= 0'):
        mod.fit(it, num_epoch=-3)
    with pytest.raises(TypeError, match="optimizer_params must be a dict or \\(name, value\\) pairs"):
        mx.mod.Module(mod.symbol).fit(it, num_epoch=1, optimizer_params=['lr'])
    for lr in (float('nan'), float('inf'), -0.1):
        with pytest.raises(ValueError, match='SGD: learning_rate must be a finite number >= 0'):
            mx.optimizer.SGD(learning_rate=lr)
    with pytest.raises(ValueError, match='momentum must be a number in \\[0, 1\\)'):
        mx.optimizer.SGD(momentum=1.5)
    with pytest.raises(ValueError, match='check_numeric_gradient: numeric_eps must be a positive '
                                         'number, got 0'):
        mx.test_utils.check_numeric_gradient(small_module().symbol, {'data': np.zeros((2, 5))},
                                             numeric_eps=0)


@pytest.mark.parametrize('label, pattern', [([7.0, 0.0], '7.0'), ([-1.0, 0.0], '-1.0'),
                                            ([0.5, 1.0], '0.5')])
def test_metrics_refuse_labels_that_are_not_classes(label, pattern):
    pred = np.full((2, 3), 1 / 3)
    for metric in (mx.metric.CrossEntropy(), mx.metric.Accuracy(), mx.metric.TopKAccuracy(2)):
        with pytest.raises(ValueError, match='labels must be class numbers 0 to 2, got .*' + pattern):
            metric.update([np.array(label)], [pred])


# ----- symbol JSON, field by field -----

@pytest.mark.parametrize('change, pattern', [
    (lambda g: g.update(nodes='x'), "'nodes' must be a list"),
    (lambda g: g['nodes'].__setitem__(1, 5), 'node 1 is 5, not an object'),
    (lambda g: g['nodes'][-1].update(name=3), "non-empty string 'name'"),
    (lambda g: g['nodes'][-1].update(attrs={'grad_scale': 1}), 'must be an object of strings'),
    (lambda g: g['nodes'][-1].update(attrs={'colour': 'red'}), "attribute\\(s\\) colour, which"),
    (lambda g: g['nodes'][-1].update(inputs='0'), "'inputs' '0', not a list"),
])
def test_symbol_json_is_validated_field_by_field(change, pattern):
    graph = lenet_json()
    change(graph)
    with pytest.raises(ValueError, match='load_json: .*' + pattern):
        mx.sym.load_json(json.dumps(graph))


@pytest.mark.parametrize('change, pattern', [
    (lambda g: g['heads'].__setitem__(0, [len(g['nodes']) - 1, 5, 0]),
     "head \\[\\d+, 5, 0\\]: output 5 of node \\d+ \\('softmax'\\), which has one output"),
    (lambda g: g['nodes'][-1]['inputs'].__setitem__(0, [1, 2, 0]),
     "input \\[1, 2, 0\\]: output 2 of node 1"),
    (lambda g: g['nodes'][-1]['inputs'].__setitem__(0, [1, 0, 0, 0]), "not the index of a node"),
    (lambda g: g['nodes'][0].update(attrs={'__shape__': '(-1, 1, 28, 28)'}),
     "node 0 \\('data'\\): its __shape__ is '\\(-1, 1, 28, 28\\)'; a shape is a tuple of non-negative"),
    (lambda g: g['nodes'][0].update(attrs={'__shape__': '(2.5, 1)'}), "its __shape__ is '\\(2.5, 1\\)'"),
    (lambda g: g['nodes'][0].update(attrs={'__shape__': 'big'}), "its __shape__ is 'big'"),
])
def test_symbol_json_output_indices_and_shapes_are_checked(change, pattern):
    """An output index past a node's outputs (it loaded as output 0), a negative or non-integer
    __shape__ (it loaded, and gave negative shapes or a bare int() error later)."""
    graph = lenet_json()
    change(graph)
    with pytest.raises(ValueError, match='load_json: .*' + pattern):
        mx.sym.load_json(json.dumps(graph))


def test_symbol_files_that_are_not_json_text_or_nest_too_deeply_are_named(tmp_path):
    path = tmp_path / 'net-symbol.json'
    path.write_bytes(b'{"nodes": "\xff\xfe"}')
    with pytest.raises(ValueError, match='net-symbol.json is not a symbol JSON file: it is not UTF-8'):
        mx.sym.load(str(path))
    path.write_text('[' * 100000 + ']' * 100000)
    with pytest.raises(ValueError, match='nests arrays or objects too deeply.*net-symbol.json'):
        mx.sym.load(str(path))


def test_an_attribute_asking_for_a_huge_array_is_refused_before_allocating(tmp_path):
    graph = lenet_json()
    fc = next(n for n in graph['nodes'] if n['op'] == 'FullyConnected')
    fc['attrs']['num_hidden'] = '100000000000'
    net = mx.sym.load_json(json.dumps(graph))
    with pytest.raises(ValueError, match="more than the .* bytes of memory this machine has; the "
                                         "largest is '%s_weight' with shape \\(100000000000, .*"
                                         "num_hidden=100000000000" % fc['name']):
        net.simple_bind(mx.cpu(), data=(2, 1, 28, 28))


# ----- NaN found and located during fit -----

def lenet_fit(x, y, **kwargs):
    from mnist_lenet import lenet
    mod = mx.mod.Module(lenet())
    mod.fit(mx.io.NDArrayIter(x, y, 50), num_epoch=2, **kwargs)
    return mod


def digits(rng, n=100):
    return (rng.uniform(0, 1, (n, 1, 28, 28)).astype(np.float32),
            rng.integers(0, 10, n).astype(np.float32))


def test_nan_in_the_data_stops_fit_naming_the_batch(rng):
    x, y = digits(rng)
    x[70, 0, 5, 5] = np.nan
    with pytest.raises(FloatingPointError, match="epoch 0, batch 1: the batch's input 'data' "
                                                 "holds 1 NaN"):
        lenet_fit(x, y)


def test_nan_on_the_second_context_is_found_there(rng):
    """With two contexts, the second one's half of the batch is checked too (it used to be
    summed into the first context's gradient unchecked, and the NaN blamed on the update)."""
    x, y = digits(rng)
    x[90, 0, 5, 5] = np.nan                       # batch 1 (rows 50-99), the second half: cpu(1)
    from mnist_lenet import lenet
    mod = mx.mod.Module(lenet(), context=[mx.cpu(0), mx.cpu(1)])
    with pytest.raises(FloatingPointError, match="epoch 0, batch 1: on cpu\\(1\\), the batch's "
                                                 "input 'data' holds 1 NaN"):
        mod.fit(mx.io.NDArrayIter(x, y, 50), num_epoch=1)


def test_diverging_training_stops_fit(rng):
    x, y = digits(rng)
    with pytest.raises(FloatingPointError, match='epoch .*, batch .*learning rate'):
        lenet_fit(x, y, optimizer_params={'learning_rate': 1e38})


def test_a_saturated_softmax_warns_once_and_training_goes_on(rng, caplog):
    """Probability 0 for a true class makes the cross-entropy infinite, but every number and the
    gradient p - y are finite and exact: MXNet trains on, and so does tinynet (it stopped such
    runs before; a 2-worker run at lr 0.5 and momentum 0.9 was stopped at epoch 36)."""
    from tinynet.module import finite
    finite._warned_saturation.clear()
    x, y = digits(rng)
    with caplog.at_level('WARNING', logger='tinynet'):
        mod = lenet_fit(x, y, optimizer_params={'learning_rate': 1e30})
    warnings = [r for r in caplog.records if 'probability 0' in r.getMessage()]
    assert len(warnings) == 1
    assert all(np.isfinite(v).all() for v in mod.get_params()[0].values())


def test_a_layer_that_overflows_is_named(rng):
    data = mx.sym.var('data')
    h = mx.sym.FullyConnected(data, num_hidden=4, name='first')
    net = mx.sym.SoftmaxOutput(mx.sym.FullyConnected(h, num_hidden=3, name='second'),
                               name='softmax')
    mod = mx.mod.Module(net)
    it = mx.io.NDArrayIter(np.ones((8, 5), np.float32), np.zeros(8, np.float32), 4)
    big = {'first_weight': np.full((4, 5), 3e38, np.float32), 'first_bias': np.zeros(4, np.float32),
           'second_weight': np.ones((3, 4), np.float32), 'second_bias': np.zeros(3, np.float32)}
    with pytest.raises(FloatingPointError, match="output of layer 'first' .* first that is not "
                                                 "finite"):
        mod.fit(it, num_epoch=1, arg_params=big)
    mod = mx.mod.Module(net)
    mod.fit(it, num_epoch=1, arg_params=big, check_finite=False)     # off: trains on regardless


# ----- files -----

def test_saved_files_have_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        small_module().save_checkpoint(str(tmp_path / 'p'), 1)
        mx.nd.save(str(tmp_path / 'arrays'), [mx.nd.ones(2)])
    finally:
        os.umask(old)
    for name in ('p-symbol.json', 'p-0001.params', 'arrays'):
        assert oct(os.stat(tmp_path / name).st_mode & 0o777) == oct(0o644), name


def test_a_failed_write_names_the_real_file(tmp_path, monkeypatch):
    import errno

    def full(f, names, arrays):
        raise OSError(errno.ENOSPC, 'No space left on device', f.name)
    monkeypatch.setattr(mx.fileio, 'write_mxnet_arrays', full)
    target = str(tmp_path / 'x.params')
    with pytest.raises(OSError, match='writing %s' % target) as info:
        mx.model.save_params(target, {'w': np.zeros(2)})
    assert info.value.filename == target and os.listdir(tmp_path) == []


# ----- images -----

def test_a_decompression_bomb_is_refused_and_the_other_images_still_read(tmp_path):
    Image = pytest.importorskip('PIL.Image')
    from tinynet import predict
    bomb = tmp_path / 'bomb.png'
    Image.new('1', (20000, 20000)).save(str(bomb))         # a small file, 400 million pixels
    digit = np.zeros((28, 28), np.uint8)
    digit[6:22, 12:16] = 255
    Image.fromarray(digit).save(str(tmp_path / 'one.png'))
    with pytest.raises(predict.ImageError, match='bomb.png: .*(too large|too many pixels)'):
        predict.load_digit(str(bomb))
    assert predict.load_digit(str(tmp_path / 'one.png')).shape == (28, 28)


def test_a_photo_with_an_exif_rotation_is_read_upright(tmp_path):
    Image = pytest.importorskip('PIL.Image')
    from tinynet import predict
    upright = np.zeros((40, 30), np.uint8)
    upright[5:35, 13:17] = 255                # a vertical bar: a "1"
    upright[5:9, 8:17] = 255                  # with a flag at the top left
    stored = np.rot90(upright, 1)             # the camera stored it turned; its tag says so
    image = Image.fromarray(stored)
    exif = image.getexif()
    exif[0x0112] = 6                          # orientation: rotate 90 degrees clockwise to view
    image.save(str(tmp_path / 'photo.jpg'), exif=exif, quality=100)
    image_plain = Image.fromarray(upright)
    image_plain.save(str(tmp_path / 'plain.png'))
    read = predict.load_digit(str(tmp_path / 'photo.jpg'))
    expected = predict.load_digit(str(tmp_path / 'plain.png'))
    assert np.abs(read - expected).mean() < 0.05


def test_integer_data_for_float_weights_is_refused_as_mxnet_does():
    """MXNet 1.9.1 refuses int32 data for a float32 Dense (Incompatible attr ... expected int32,
    got float32); tinynet gave a float64 result without a word."""
    net = mx.gluon.nn.Dense(2)
    net.initialize()
    with pytest.raises(ValueError, match="dense.*'data' has dtype int32 but 'weight' has float32"):
        net(mx.nd.array([[1, 2]], dtype='int32'))
    conv = mx.gluon.nn.Conv2D(2, kernel_size=1)
    conv.initialize()
    with pytest.raises(mx.base.MXNetError, match="astype\\('float32'\\)"):
        conv(mx.nd.ones((1, 1, 2, 2), dtype='int64'))


def test_a_save_cleans_up_what_a_killed_save_left_and_names_the_file_asked_for(tmp_path):
    """A save killed mid-write left a hidden temporary file (160-270 MB for LeNet) that no later
    save removed."""
    import os
    import time
    from tinynet.fileio import STALE_SECONDS, save_arrays
    target = tmp_path / 'net-0001.params'
    stale = tmp_path / '.net-0001.params.abc123.tmp'
    stale.write_bytes(b'half a file')
    old = time.time() - STALE_SECONDS - 5
    os.utime(stale, (old, old))
    fresh = tmp_path / '.net-0001.params.live99.tmp'          # a save still writing: kept
    fresh.write_bytes(b'in progress')
    save_arrays(str(target), {'arg:w': np.ones(2)})
    assert not stale.exists() and fresh.exists() and target.exists()


def test_a_temporary_file_that_cannot_be_made_is_named_as_the_file_asked_for(tmp_path,
                                                                             monkeypatch):
    import errno
    import tempfile
    from tinynet.fileio import save_arrays

    def no_room(*args, **kwargs):
        raise OSError(errno.ENOSPC, 'No space left on device')
    monkeypatch.setattr(tempfile, 'mkstemp', no_room)
    with pytest.raises(OSError, match='No space left on device \\(writing .*x.params\\)'):
        save_arrays(str(tmp_path / 'x.params'), {'w': np.ones(1)})
