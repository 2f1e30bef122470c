"""python -m tinynet.explain --prefix lenet --epoch 10 [--port 8000] [--host 127.0.0.1] [--log F]

Starts a local web server and prints its address: draw a digit and watch every layer answer.
Needs Pillow for drawings (pip install -e ".[pictures]" in tinynet's checkout)."""
import argparse
import sys

from ..util import command_error


def main(argv=None):
    parser = argparse.ArgumentParser(prog='python -m tinynet.explain',
                                     description=__doc__.split('\n')[0])
    parser.add_argument('--prefix', required=True, help='checkpoint prefix (PREFIX-symbol.json)')
    parser.add_argument('--epoch', type=int, required=True)
    parser.add_argument('--port', type=int, default=8000, help='0 to 65535 (0: any free port)')
    parser.add_argument('--host', default='127.0.0.1',
                        help='address to listen on (default: this machine only)')
    parser.add_argument('--log', help='a training log (fit with Speedometer) to plot, followed '
                                      'while it grows')
    args = parser.parse_args(argv)
    from .model import Explainer
    from .server import LOOPBACK, host_name, make_server
    try:
        explainer = Explainer(args.prefix, args.epoch)
        server = make_server(explainer, args.host, args.port, args.log)
    except (ValueError, OSError) as err:            # FileNotFoundError among them
        return command_error(err)
    host, port = server.server_address[:2]
    if host_name('//%s:0' % args.host) not in LOOPBACK:
        print('tinynet.explain: warning: --host %s lets other machines reach this server and '
              'the network it explains; use the default 127.0.0.1 unless that is what you want'
              % args.host, file=sys.stderr, flush=True)
    print('tinynet.explain: open http://%s:%d/ (Ctrl-C to stop)' % (host, port), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == '__main__':
    sys.exit(main())
