"""Run by MXNet 1.9.1's own interpreter (never tinynet's), for tests/test_against_mxnet.py:

    $TINYNET_MXNET_PYTHON tests/mxnet_reference.py cases.npz answers.npz

cases.npz holds, for each case NAME: NAME/json (a symbol as tinynet writes it: MXNet reads the
same JSON), NAME/arg/ARG and NAME/aux/AUX (the arrays), NAME/head/I (the head gradients), and
`names`. For each, MXNet binds the symbol in float64, runs forward in training mode and backward,
and answers.npz gets NAME/out/I, NAME/grad/ARG and NAME/aux/AUX (the auxiliary states after the
forward: BatchNorm's moving statistics). Labels (arguments ending in _label) get no gradient.
"""
import sys

import mxnet as mx
import numpy as np


def run_case(cases, name):
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
    answer.update({'%s/grad/%s' % (name, n): g.asnumpy() for n, g in grads.items()
                   if req[n] == 'write'})
    answer.update({'%s/aux/%s' % (name, n): a.asnumpy() for n, a in aux.items()})
    return answer


def main():
    cases = np.load(sys.argv[1])
    answers = {}
    for name in [str(n) for n in cases['names']]:
        answers.update(run_case(cases, name))
    answers['mxnet_version'] = np.array(mx.__version__)
    np.savez(sys.argv[2], **answers)


if __name__ == '__main__':
    main()
