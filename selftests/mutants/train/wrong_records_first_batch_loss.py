"""Mini-batches of 16; records the loss of the epoch's first mini-batch, not of
the whole data."""

import numpy as np

from .backprop import backward
from .forward import forward, init_params, loss
from .sgd import sgd_update

# expect: losses[0] is not the loss on all of x


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    t = np.asarray(t)
    n_out = t.shape[1] if t.ndim == 2 else int(t.max()) + 1
    params = init_params(x.shape[1], n_hidden, n_out, seed=seed)
    rng = np.random.default_rng(seed)
    losses = []
    for _ in range(epochs):
        order = rng.permutation(len(x))
        for start in range(0, len(x), 16):
            idx = order[start : start + 16]
            if start == 0:
                losses.append(loss(params, x[idx], t[idx]))
            sgd_update(params, backward(params, x[idx], t[idx]), lr)
    return params, losses


def predict(params, x):
    return np.argmax(forward(params, x), axis=1)


def accuracy(params, x, labels):
    return float(np.mean(predict(params, x) == np.asarray(labels)))
