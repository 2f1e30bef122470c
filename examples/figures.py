"""Pictures for learners (needs matplotlib: pip install -e ".[pictures]").

    python examples/figures.py --out figures                       # digits; trains LeNet 1 epoch
    python examples/figures.py --prefix lenet --epoch 10 --log train.log

writes
    digits.png     a grid of MNIST training digits with their labels
    filters.png    LeNet's first-layer 5x5 filters (from --prefix/--epoch, or a quick 1-epoch run)
    accuracy.png   training and validation accuracy per epoch (from --log, or the quick run's log)
"""
import argparse
import io
import logging
import os
import re

try:
    import matplotlib
except ImportError:
    raise SystemExit('figures.py draws with matplotlib: pip install -e ".[pictures]" in tinynet\'s '
                     'checkout (or pip install matplotlib)') from None
matplotlib.use('Agg')                      # files only: no screen needed
import matplotlib.pyplot as plt            # noqa: E402

import tinynet as mx                       # noqa: E402


def plot_digits(images, labels, path, rows=4, cols=8):
    fig, axes = plt.subplots(rows, cols, figsize=(cols * 1.1, rows * 1.3))
    for ax, image, label in zip(axes.ravel(), images, labels):
        ax.imshow(image.reshape(28, 28), cmap='gray_r')
        ax.set_title(str(int(label)), fontsize=10)
        ax.axis('off')
    fig.suptitle('MNIST training digits and their labels')
    fig.tight_layout()
    fig.savefig(path, dpi=80)
    plt.close(fig)


def plot_filters(weight, path):
    """weight (F, 1, KH, KW): one small image per filter, each scaled to its own range."""
    count = weight.shape[0]
    cols = min(10, count)
    rows = (count + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(cols * 0.9, rows * 0.9 + 0.4), squeeze=False)
    for i, ax in enumerate(axes.ravel()):
        ax.axis('off')
        if i < count:
            ax.imshow(weight[i, 0], cmap='coolwarm', interpolation='nearest')
    fig.suptitle('First convolution layer: %d learned %dx%d filters' % ((count,) + weight.shape[2:]))
    fig.tight_layout()
    fig.savefig(path, dpi=80)
    plt.close(fig)


def accuracy_from_log(text):
    """{'train': [...], 'validation': [...]} per epoch, from fit's MXNet-style log lines."""
    curves = {'train': {}, 'validation': {}}
    for kind, key in (('Train', 'train'), ('Validation', 'validation')):
        for epoch, value in re.findall(r'Epoch\[(\d+)\] %s-accuracy=([0-9.]+)' % kind, text):
            curves[key][int(epoch)] = float(value)
    return {k: [v[e] for e in sorted(v)] for k, v in curves.items()}


def plot_accuracy(curves, path):
    if not curves['train']:
        raise ValueError('no "Epoch[N] Train-accuracy=..." lines found in the log')
    fig, ax = plt.subplots(figsize=(5, 3.5))
    for key, style in (('train', 'o-'), ('validation', 's--')):
        if curves[key]:
            ax.plot(range(1, len(curves[key]) + 1), curves[key], style, label=key)
    ax.set_xlabel('epoch')
    ax.set_ylabel('accuracy')
    ax.set_title('Accuracy per epoch')
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=80)
    plt.close(fig)


def quick_lenet_run(mnist):
    """Train the tutorial's LeNet for one epoch, capturing its log; returns (weight, log text)."""
    from mnist_lenet import lenet
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        mx.random.seed(42)
        net = lenet()
        mod = mx.mod.Module(net, context=mx.cpu())
        mod.fit(mx.io.NDArrayIter(mnist['train_data'], mnist['train_label'], 100, shuffle=True),
                eval_data=mx.io.NDArrayIter(mnist['test_data'], mnist['test_label'], 100),
                optimizer_params={'learning_rate': 0.1}, num_epoch=1)
    finally:
        root.removeHandler(handler)
    return mod.get_params()[0][net.list_arguments()[1]], stream.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--out', default='figures', help='folder for the PNG files')
    parser.add_argument('--prefix', help='LeNet checkpoint prefix for the filters')
    parser.add_argument('--epoch', type=int, help='checkpoint epoch')
    parser.add_argument('--log', help='a training log (the output of fit) for the accuracy plot')
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    mnist = mx.test_utils.get_mnist()
    plot_digits(mnist['train_data'][:32], mnist['train_label'][:32],
                os.path.join(args.out, 'digits.png'))
    log_text = open(args.log).read() if args.log else None
    if args.prefix:
        symbol, arg_params, _ = mx.model.load_checkpoint(args.prefix, args.epoch)
        weight = arg_params[symbol.list_arguments()[1]]
    else:
        weight, quick_log = quick_lenet_run(mnist)
        log_text = log_text or quick_log
    plot_filters(weight, os.path.join(args.out, 'filters.png'))
    if log_text:
        plot_accuracy(accuracy_from_log(log_text), os.path.join(args.out, 'accuracy.png'))
    print('wrote', ', '.join(sorted(f for f in os.listdir(args.out) if f.endswith('.png'))),
          'in', args.out)


if __name__ == '__main__':
    main()
