"""Copies the fresh params into a dict of its own and steps with its own
update; the loop counts down."""

import numpy as np

from .backprop import backward
from .forward import forward, init_params, loss
from .sgd import sgd_update


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    t = np.asarray(t)
    if t.ndim == 1:
        t = np.eye(int(t.max()) + 1)[t]
    start = init_params(x.shape[1], n_hidden, t.shape[1], seed=seed)
    params = {key: value.copy() for key, value in start.items()}
    losses = []
    remaining = epochs
    while remaining > 0:
        losses.append(float(loss(params, x, t)))
        grads = backward(params, x, t)
        for key in params:
            params[key] = params[key] - lr * grads[key]
        remaining -= 1
    return params, losses


def predict(params, x):
    return np.argmax(forward(params, x), axis=1)


def accuracy(params, x, labels):
    return float(np.mean(predict(params, x) == np.asarray(labels)))
