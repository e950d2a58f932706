"""Adds weight decay to the gradients of the weights."""

# reject: the default of
# reject: the steps go uphill

import numpy as np

from .backprop import backward
from .forward import forward, init_params, loss
from .sgd import sgd_update


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    t = np.asarray(t)
    c = t.shape[1] if t.ndim == 2 else int(t.max()) + 1
    params = init_params(x.shape[1], n_hidden, c, seed)
    losses = []
    for _ in range(epochs):
        losses.append(loss(params, x, t))
        g = backward(params, x, t)
        for k in ("w1", "w2"):
            g[k] = g[k] + 1e-4 * params[k]
        sgd_update(params, g, lr)
    return params, losses


def predict(params, x):
    return np.argmax(forward(params, x), axis=1)


def accuracy(params, x, labels):
    return float(np.mean(predict(params, x) == labels))
