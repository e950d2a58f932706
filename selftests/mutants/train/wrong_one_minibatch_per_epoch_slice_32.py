"""Takes one step per epoch, on a slice of 32 samples that moves on each epoch."""

# expect: part of the samples only

import numpy as np

from .backprop import backward
from .forward import forward, init_params, loss
from .sgd import sgd_update


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    t = np.asarray(t)
    n_out = t.shape[1] if t.ndim == 2 else int(t.max()) + 1
    params = init_params(x.shape[1], n_hidden, n_out, seed=seed)
    n, batch = len(x), 32
    losses = []
    for _epoch in range(epochs):
        losses.append(loss(params, x, t))
        # one mini-batch per epoch, going round the data
        i = (_epoch * batch) % n
        sgd_update(params, backward(params, x[i : i + batch], t[i : i + batch]), lr)
    return params, losses


def predict(params, x):
    return np.argmax(forward(params, x), axis=1)


def accuracy(params, x, labels):
    return float(np.mean(predict(params, x) == np.asarray(labels)))
