"""Scales each mini-batch's step by the batch's share of the samples."""

# expect: lr scaled by the mini-batch's share

import numpy as np

from .backprop import backward
from .forward import forward, init_params, loss
from .sgd import sgd_update


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    t = np.asarray(t)
    n_out = t.shape[1] if t.ndim == 2 else int(t.max()) + 1
    params = init_params(x.shape[1], n_hidden, n_out, seed=seed)
    rng = np.random.default_rng(seed)
    n = len(x)
    batch = 32
    losses = []
    for _ in range(epochs):
        losses.append(loss(params, x, t))
        order = rng.permutation(n)
        for start in range(0, n, batch):
            idx = order[start : start + batch]
            # weight each mini-batch by its share of the data
            sgd_update(params, backward(params, x[idx], t[idx]), lr * len(idx) / n)
    return params, losses


def predict(params, x):
    return np.argmax(forward(params, x), axis=1)


def accuracy(params, x, labels):
    return float(np.mean(predict(params, x) == np.asarray(labels)))
