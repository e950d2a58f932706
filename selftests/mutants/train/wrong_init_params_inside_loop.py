"""Calls init_params inside the loop over the epochs."""

# expect: init_params called inside the loop
# reject: the params never change

import numpy as np

from .backprop import backward
from .forward import forward, init_params, loss
from .sgd import sgd_update


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    t = np.asarray(t)
    c = t.shape[1] if t.ndim == 2 else int(t.max()) + 1
    losses = []
    for _ in range(epochs):
        params = init_params(x.shape[1], n_hidden, c, seed)
        losses.append(loss(params, x, t))
        sgd_update(params, backward(params, x, t), lr)
    return params, losses


def predict(params, x):
    return np.argmax(forward(params, x), axis=1)


def accuracy(params, x, labels):
    return float(np.mean(predict(params, x) == labels))
