"""Never trains on the last quarter of the samples, kept aside in order."""

# expect: part of the samples only

import numpy as np

from .backprop import backward
from .forward import forward, init_params, loss
from .sgd import sgd_update


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    t = np.asarray(t)
    n_out = t.shape[1] if t.ndim == 2 else int(t.max()) + 1
    params = init_params(x.shape[1], n_hidden, n_out, seed=seed)
    # keep a quarter of the data aside for validation
    n_val = len(x) // 4
    x_tr, t_tr = x[: len(x) - n_val], t[: len(x) - n_val]
    x_val, t_val = x[len(x) - n_val :], t[len(x) - n_val :]
    losses = []
    for _ in range(epochs):
        losses.append(loss(params, x, t))
        sgd_update(params, backward(params, x_tr, t_tr), lr)
    return params, losses


def predict(params, x):
    return np.argmax(forward(params, x), axis=1)


def accuracy(params, x, labels):
    return float(np.mean(predict(params, x) == np.asarray(labels)))
