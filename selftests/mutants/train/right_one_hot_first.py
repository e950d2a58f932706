"""Turns labels into one-hot first and trains on one-hot targets only."""

import numpy as np

from .backprop import backward
from .forward import forward, init_params, loss
from .one_hot import one_hot
from .sgd import sgd_update


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    t = np.asarray(t)
    if t.ndim == 1:
        t = one_hot(t, int(t.max()) + 1)
    params = init_params(x.shape[1], n_hidden, t.shape[1], seed)

    losses = []
    for _ in range(epochs):
        grads = backward(params, x, t)
        losses.append(loss(params, x, t))
        sgd_update(params, grads, lr)
    return params, losses


def predict(params, x):
    probs = forward(params, x)
    return np.argmax(probs, axis=-1).astype(np.int64)


def accuracy(params, x, labels):
    return (predict(params, x) == np.asarray(labels)).mean().item()
