"""Steps on mini-batches of 8 in order, unshuffled, the last one short."""

import numpy as np

from .backprop import backward
from .forward import forward, init_params, loss
from .sgd import sgd_update


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    t = np.asarray(t)
    n_out = t.shape[1] if t.ndim == 2 else int(t.max()) + 1
    params = init_params(x.shape[1], n_hidden, n_out, seed=seed)
    losses = []
    for _ in range(epochs):
        losses.append(loss(params, x, t))
        for s in range(0, len(x), 8):
            sgd_update(params, backward(params, x[s : s + 8], t[s : s + 8]), lr)
    return params, losses


def predict(params, x):
    return np.argmax(forward(params, x), axis=1)


def accuracy(params, x, labels):
    return float(np.mean(predict(params, x) == np.asarray(labels)))
