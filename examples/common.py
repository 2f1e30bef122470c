"""The tutorial's flow, shared by mnist_mlp.py and mnist_lenet.py: load MNIST, train with
Module.fit and MXNet's log lines, then predict and score on the 10,000 test images."""
import argparse
import logging
import time

import tinynet as mx

TUTORIAL_EPOCHS = 10


def parse_args(description, epochs=10):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument('--epochs', type=int, default=epochs, help='passes over the training set')
    parser.add_argument('--batch-size', type=int, default=100)
    parser.add_argument('--lr', type=float, default=0.1, help='SGD learning rate')
    parser.add_argument('--gpu', action='store_true', help='train on mx.gpu() (needs CuPy)')
    parser.add_argument('--seed', type=int, default=42)
    parser.add_argument('--kv-store', default='local',
                        help="'local', or 'dist_sync' to train on the workers of an MPI job: "
                             "mpiexec -n 2 python examples/mnist_lenet.py --kv-store dist_sync")
    parser.add_argument('--save', metavar='PREFIX',
                        help='save PREFIX-symbol.json and PREFIX-%%04d.params after training')
    parser.add_argument('--init', choices=('uniform', 'xavier'),
                        help="the weights' initializer: the tutorial's Uniform(0.01) (the default "
                             "for %d epochs or more), or Xavier (the default for fewer: "
                             "Uniform(0.01) spends LeNet's first epoch near chance)" % TUTORIAL_EPOCHS)
    return parser.parse_args()


def initializer(args):
    """The tutorial's Uniform(0.01) for its 10 epochs; for a shorter run, Xavier, which learns in
    the first epoch where Uniform(0.01) sits on a plateau at chance (LeNet's epoch 1: 0.1135)."""
    choice = args.init or ('uniform' if args.epochs >= TUTORIAL_EPOCHS else 'xavier')
    if choice == 'uniform':
        return mx.init.Uniform(0.01)
    if args.init is None:
        logging.info('%d epochs, fewer than the tutorial\'s %d: starting from Xavier weights, not '
                     'its Uniform(0.01), which spends the first epoch near chance (--init uniform '
                     'keeps it)', args.epochs, TUTORIAL_EPOCHS)
    return mx.init.Xavier()


def run(net, args):
    logging.basicConfig(level=logging.INFO, format='%(message)s')
    mnist = mx.test_utils.get_mnist()
    mx.random.seed(args.seed)
    ctx = mx.gpu() if args.gpu else mx.cpu()
    kv = mx.kv.create(args.kv_store)
    # each worker reads its own part of the training data (all of it with one worker)
    train_iter = mx.io.NDArrayIter(mnist['train_data'], mnist['train_label'], args.batch_size,
                                   shuffle=True, num_parts=kv.num_workers, part_index=kv.rank)
    val_iter = mx.io.NDArrayIter(mnist['test_data'], mnist['test_label'], args.batch_size)
    model = mx.mod.Module(symbol=net, context=ctx)
    tic = time.time()
    model.fit(train_iter, eval_data=val_iter, optimizer='sgd', kvstore=kv,
              initializer=initializer(args),
              optimizer_params={'learning_rate': args.lr}, eval_metric='acc',
              batch_end_callback=mx.callback.Speedometer(args.batch_size, 100),
              num_epoch=args.epochs)
    if kv.rank == 0:
        logging.info('Training took %.1f s', time.time() - tic)
    prob = model.predict(mx.io.NDArrayIter(mnist['test_data'], None, args.batch_size))
    assert prob.shape == (10000, 10)
    acc = mx.metric.Accuracy()
    model.score(mx.io.NDArrayIter(mnist['test_data'], mnist['test_label'], args.batch_size), acc)
    if kv.rank != 0:
        return acc.get()[1]              # rank 0 reports and saves
    print(acc)
    if args.save:
        model.save_checkpoint(args.save, args.epochs)
        logging.info('Saved %s-symbol.json and %s-%04d.params', args.save, args.save, args.epochs)
    return acc.get()[1]
