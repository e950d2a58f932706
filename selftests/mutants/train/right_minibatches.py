"""Mini-batches of 32 in an order shuffled by a seeded generator."""

import numpy as np

from .backprop import backward
from .forward import forward, init_params, loss
from .sgd import sgd_update

BATCH_SIZE = 32


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    t = np.asarray(t)
    n_out = t.shape[1] if t.ndim == 2 else int(t.max()) + 1
    params = init_params(x.shape[1], n_hidden, n_out, seed)
    rng = np.random.default_rng(seed)

    losses = []
    for _ in range(epochs):
        losses.append(loss(params, x, t))
        order = rng.permutation(len(x))
        for start in range(0, len(x), BATCH_SIZE):
            batch = order[start : start + BATCH_SIZE]
            sgd_update(params, backward(params, x[batch], t[batch]), lr)
    return params, losses


def predict(params, x):
    return forward(params, x).argmax(axis=-1)


def accuracy(params, x, labels):
    right = np.count_nonzero(predict(params, x) == labels)
    return right / len(labels)
