"""Mini-batches of 16 that drop the last, short batch: on the Iris data it
trains, but on one sample no epoch takes a step. Nothing ignores lr: the
mistake is the samples left out."""

# expect: some samples are never used in an epoch
# first: some samples are never used in an epoch
# reject: lr argument was ignored
# reject: the params never change

import numpy as np
from .backprop import backward
from .forward import forward, init_params, loss
from .sgd import sgd_update

BATCH = 16


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    t = np.asarray(t)
    c = t.shape[1] if t.ndim == 2 else int(t.max()) + 1
    params = init_params(x.shape[1], n_hidden, c, seed)
    rng = np.random.default_rng(seed)
    losses = []
    n = len(x)
    for _ in range(epochs):
        losses.append(float(loss(params, x, t)))
        order = rng.permutation(n)
        for start in range(0, n - BATCH + 1, BATCH):
            idx = order[start : start + BATCH]
            sgd_update(params, backward(params, x[idx], t[idx]), lr)
    return params, losses


def predict(params, x):
    return np.argmax(forward(params, x), axis=1)


def accuracy(params, x, labels):
    return float(np.mean(predict(params, x) == labels))
