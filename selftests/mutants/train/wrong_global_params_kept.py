"""Keeps the params in a module-level global, made on the first call only,
so later calls go on from the network an earlier call trained (even on data
with another number of inputs)."""

# first: state kept between calls (params in a global, say)
# expect: the error comes from state kept between calls
# expect: so n_hidden is passed on
# reject: n_hidden was not passed on to init_params
# reject: the error comes from inside loss

import numpy as np

from .backprop import backward
from .forward import forward, init_params, loss
from .sgd import sgd_update

_params = None


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    global _params
    t = np.asarray(t)
    n_out = t.shape[1] if t.ndim == 2 else int(t.max()) + 1
    if _params is None:
        _params = init_params(x.shape[1], n_hidden, n_out, seed=seed)
    losses = []
    for _ in range(epochs):
        losses.append(loss(_params, x, t))
        sgd_update(_params, backward(_params, x, t), lr)
    return _params, losses


def predict(params, x):
    return np.argmax(forward(params, x), axis=1)


def accuracy(params, x, labels):
    return float(np.mean(predict(params, x) == np.asarray(labels)))
