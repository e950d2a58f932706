"""Four mini-batches per epoch from np.array_split of a seeded permutation;
losses in a preallocated array."""

import numpy as np

from .backprop import backward
from .forward import forward, init_params, loss
from .sgd import sgd_update


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    t = np.asarray(t)
    n_out = t.shape[-1] if t.ndim == 2 else int(t.max()) + 1
    params = init_params(x.shape[1], n_hidden, int(n_out), seed)
    rng = np.random.default_rng(seed)
    losses = np.empty(epochs)
    for epoch in range(epochs):
        losses[epoch] = loss(params, x, t)
        for batch in np.array_split(rng.permutation(x.shape[0]), 4):
            sgd_update(params, backward(params, x[batch], t[batch]), lr)
    return params, losses


def predict(params, x):
    return np.argmax(forward(params, x), axis=1)


def accuracy(params, x, labels):
    return float(np.mean(predict(params, x) == np.asarray(labels)))
