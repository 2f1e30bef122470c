"""Driving the engine by hand, in the style of Dive into Deep Learning's "from scratch" chapters:
a linear regression, then an MLP trained on MNIST, each with nothing but mx.nd arrays,
autograd.record(), backward() and `param[:] = param - lr * param.grad`.

    python examples/autograd_basics.py            # about 10 s (benchmarks/RESULTS.md)
"""
import argparse
import time

import numpy as np

import tinynet as mx
from tinynet import autograd, nd


def data_iter(batch_size, features, labels):
    """Minibatches of (features, labels) in a random order (D2L's data_iter)."""
    num_examples = len(features)
    indices = np.random.permutation(num_examples)
    for i in range(0, num_examples, batch_size):
        j = nd.array(indices[i: min(i + batch_size, num_examples)])
        yield features[j], labels[j]


def sgd(params, lr, batch_size):
    """Minibatch stochastic gradient descent: each parameter steps against its gradient."""
    for param in params:
        param[:] = param - lr * param.grad / batch_size


# ----- 1. linear regression on made-up data: y = X w + b + noise -----

def linear_regression():
    true_w, true_b = nd.array([2, -3.4]), 4.2
    features = nd.random.normal(scale=1, shape=(1000, 2))
    labels = nd.dot(features, true_w) + true_b
    labels += nd.random.normal(scale=0.01, shape=labels.shape)

    w = nd.random.normal(scale=0.01, shape=(2, 1))
    b = nd.zeros(shape=(1,))
    w.attach_grad()
    b.attach_grad()

    def linreg(X, w, b):
        return nd.dot(X, w) + b

    def squared_loss(y_hat, y):
        return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2

    lr, num_epochs, batch_size = 0.03, 3, 10
    for epoch in range(num_epochs):
        for X, y in data_iter(batch_size, features, labels):
            with autograd.record():
                loss = squared_loss(linreg(X, w, b), y)   # a vector: backward sums it (head of ones)
            loss.backward()
            sgd([w, b], lr, batch_size)
        train_loss = squared_loss(linreg(features, w, b), labels)
        print('epoch %d, loss %f' % (epoch + 1, train_loss.mean().asscalar()))
    print('error in estimating w', (true_w.reshape(w.shape) - w).asnumpy().ravel())
    print('error in estimating b', true_b - b.asscalar())
    return w, b


# ----- 2. a multilayer perceptron on MNIST -----

def mlp(num_epochs=10, batch_size=256, lr=0.5, num_hiddens=256):
    mnist = mx.test_utils.get_mnist()
    train_x = nd.array(mnist['train_data'].reshape(-1, 784))
    train_y = nd.array(mnist['train_label'])
    test_x = nd.array(mnist['test_data'].reshape(-1, 784))
    test_y = nd.array(mnist['test_label'])

    W1 = nd.random.normal(scale=0.01, shape=(784, num_hiddens))
    b1 = nd.zeros(num_hiddens)
    W2 = nd.random.normal(scale=0.01, shape=(num_hiddens, 10))
    b2 = nd.zeros(10)
    params = [W1, b1, W2, b2]
    for param in params:
        param.attach_grad()

    def net(X):
        H = nd.relu(nd.dot(X, W1) + b1)
        return nd.dot(H, W2) + b2

    def cross_entropy(y_hat, y):
        """-log softmax(y_hat)[y], one number per example."""
        return -nd.pick(nd.log_softmax(y_hat), y)

    def accuracy(X, y):
        return (net(X).argmax(axis=1) == y).mean().asscalar()

    for epoch in range(num_epochs):
        tic, total_loss = time.time(), 0.0
        for X, y in data_iter(batch_size, train_x, train_y):
            with autograd.record():
                loss = cross_entropy(net(X), y)
            loss.backward()
            sgd(params, lr, batch_size)
            total_loss += loss.sum().asscalar()
        print('epoch %d, loss %.4f, train acc %.4f, test acc %.4f (%.1f s)' % (
            epoch + 1, total_loss / len(train_y), accuracy(train_x, train_y),
            accuracy(test_x, test_y), time.time() - tic))
    return accuracy(test_x, test_y)


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--epochs', type=int, default=10)
    parser.add_argument('--seed', type=int, default=42)
    args = parser.parse_args()
    mx.random.seed(args.seed)
    np.random.seed(args.seed)
    linear_regression()
    test_acc = mlp(num_epochs=args.epochs)
    print('MLP test accuracy: %.4f' % test_acc)
