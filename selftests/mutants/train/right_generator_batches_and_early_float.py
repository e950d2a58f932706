"""Yields the mini-batches of 20 from a generator; labels or one-hot by t.ndim."""

import numpy as np

from .backprop import backward
from .forward import forward, init_params, loss
from .sgd import sgd_update


def batches(n, size, rng):
    order = rng.permutation(n)
    for start in range(0, n, size):
        yield order[start : start + size]


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    t = np.asarray(t)
    n_out = t.shape[-1] if t.ndim == 2 else int(np.max(t)) + 1
    params = init_params(x.shape[-1], n_hidden, n_out, seed)
    rng = np.random.default_rng([seed, 1])
    losses = []
    for _ in range(epochs):
        losses.append(float(loss(params, x, t)))
        for idx in batches(len(x), 20, rng):
            sgd_update(params, backward(params, x[idx], t[idx]), lr)
    return params, losses


def predict(params, x):
    return forward(params, x).argmax(axis=-1)


def accuracy(params, x, labels):
    right = sum(int(p == l) for p, l in zip(predict(params, x), labels))
    return right / len(labels)
