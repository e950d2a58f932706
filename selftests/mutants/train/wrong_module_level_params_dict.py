"""Keeps one params dict at module level and refills it on every call, so a
second call overwrites the network the first one returned."""

# expect: the second call changed the params the first one returned
# reject: the step was 2 * lr

import numpy as np

from .backprop import backward
from .forward import forward, init_params, loss
from .sgd import sgd_update


PARAMS = {}


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    t = np.asarray(t)
    n_out = t.shape[1] if t.ndim == 2 else int(t.max()) + 1
    PARAMS.clear()
    PARAMS.update(init_params(x.shape[1], n_hidden, n_out, seed=seed))
    losses = []
    for _ in range(epochs):
        losses.append(loss(PARAMS, x, t))
        sgd_update(PARAMS, backward(PARAMS, x, t), lr)
    return PARAMS, losses


def predict(params, x):
    return np.argmax(forward(params, x), axis=1)


def accuracy(params, x, labels):
    return float(np.mean(predict(params, x) == np.asarray(labels)))
