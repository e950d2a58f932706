"""Shuffled mini-batches of 32 from a generator seeded with seed; the loss is
recorded on the full batch.
"""

import numpy as np

from .backprop import backward
from .forward import forward, init_params, loss
from .sgd import sgd_update

BATCH = 32


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    t = np.asarray(t)
    n_classes = t.shape[1] if t.ndim == 2 else int(t.max()) + 1
    params = init_params(x.shape[1], n_hidden, n_classes, seed)
    rng = np.random.default_rng(seed)

    losses = []
    for _ in range(epochs):
        losses.append(float(loss(params, x, t)))
        order = rng.permutation(len(x))
        for start in range(0, len(x), BATCH):
            batch = order[start : start + BATCH]
            sgd_update(params, backward(params, x[batch], t[batch]), lr)
    return params, losses


def predict(params, x):
    return forward(params, x).argmax(axis=-1).astype(np.int64)


def accuracy(params, x, labels):
    return np.count_nonzero(predict(params, x) == labels) / len(labels)
