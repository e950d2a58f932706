"""Draws the initial weights with np.random.randn, leaving the seed unused:
no two runs start alike, whatever their seed."""

# expect: drawn without the seed
# reject: state kept between calls
# reject: the lr argument was ignored
# reject: the default of seed is not 0
# first: drawn without the seed

import numpy as np

from .backprop import backward
from .forward import forward, loss
from .sgd import sgd_update


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    t = np.asarray(t)
    n_classes = int(t.max()) + 1 if t.ndim == 1 else t.shape[1]
    n_in = x.shape[1]
    params = {
        "w1": 0.1 * np.random.randn(n_in, n_hidden),
        "b1": np.zeros(n_hidden),
        "w2": 0.1 * np.random.randn(n_hidden, n_classes),
        "b2": np.zeros(n_classes),
    }
    losses = []
    for _ in range(epochs):
        losses.append(float(loss(params, x, t)))
        sgd_update(params, backward(params, x, t), lr)
    return params, losses


def predict(params, x):
    return np.argmax(forward(params, x), axis=1)


def accuracy(params, x, labels):
    return float(np.mean(predict(params, x) == np.asarray(labels)))
