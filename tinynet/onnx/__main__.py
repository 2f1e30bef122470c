"""python -m tinynet.onnx: checkpoints to ONNX files and back.

    python -m tinynet.onnx export --prefix lenet --epoch 10 lenet.onnx   # input shape from the net
    python -m tinynet.onnx export --prefix mlp --epoch 10 mlp.onnx --shape 1,784 --static
    python -m tinynet.onnx import model.onnx --prefix imported          # imported-symbol.json, -0000.params
"""
import argparse
import sys

import numpy as np

from ..util import command_error


def _shape(text):
    try:
        shape = tuple(int(v) for v in text.split(','))
    except ValueError:
        shape = ()
    if not shape or min(shape) < 1:
        raise argparse.ArgumentTypeError('must be positive whole numbers separated by commas, '
                                         'like 1,1,28,28; got %r' % text)
    return shape


def main(argv=None):
    parser = argparse.ArgumentParser(prog='python -m tinynet.onnx', description=__doc__.split(
        '\n')[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest='command', required=True)
    export = commands.add_parser('export', help='a checkpoint to an ONNX file')
    export.add_argument('--prefix', required=True)
    export.add_argument('--epoch', type=int, required=True)
    export.add_argument('--shape', type=_shape, help='the input shape, e.g. 1,1,28,28 (default: '
                                                     'found from the network)')
    export.add_argument('--static', action='store_true', help='a fixed batch size, not dynamic')
    export.add_argument('output')
    imp = commands.add_parser('import', help='an ONNX file to a checkpoint')
    imp.add_argument('model')
    imp.add_argument('--prefix', required=True)
    imp.add_argument('--epoch', type=int, default=0)
    args = parser.parse_args(argv)
    from .. import model as _model
    from . import export_model, import_model
    try:
        if args.command == 'export':
            symbol, arg_params, aux_params = _model.load_checkpoint(args.prefix, args.epoch)
            found = _model.input_shape_of(symbol, arg_params)
            shape = args.shape or (found[1] if found else None)
            if shape is None:
                print('error: cannot tell the input shape of %s-symbol.json; give --shape, e.g. '
                      '--shape 1,1,28,28' % args.prefix, file=sys.stderr)
                return 2
            params = dict(arg_params)
            params.update(aux_params)
            export_model(symbol, params, [shape], np.float32, args.output,
                         dynamic=not args.static)
            print('wrote %s (input %s%s)' % (args.output, shape, '' if args.static else
                                             ', batch axis dynamic'))
        else:
            symbol, arg_params, aux_params = import_model(args.model)
            _model.save_checkpoint(args.prefix, args.epoch, symbol, arg_params, aux_params)
            print('wrote %s-symbol.json and %s-%04d.params' % (args.prefix, args.prefix,
                                                                args.epoch))
    except (FileNotFoundError, ValueError, ImportError) as err:
        return command_error(err)
    return 0


if __name__ == '__main__':
    sys.exit(main())
