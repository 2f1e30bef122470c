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
                'missing': "'fc_bias' is missing", 'extra': "fc_scale.*not in the symbol"}
    for case, params in cases.items():
        mx.model.save_params(prefix + '-0002.params', params)
        mod = mx.mod.Module.load(prefix, 2)
        with pytest.raises(ValueError, match=patterns[case]):
            mod.predict(it)


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
