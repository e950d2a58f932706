"""Steps on a momentum of the gradients instead of the gradient."""

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
    v = {k: np.zeros_like(p) for k, p in params.items()}
    losses = []
    for _ in range(epochs):
        losses.append(loss(params, x, t))
        g = backward(params, x, t)
        for k in params:
            v[k] = 0.9 * v[k] + g[k]
        sgd_update(params, v, lr)
    return params, losses


def predict(params, x):
    return np.argmax(forward(params, x), axis=1)


def accuracy(params, x, labels):
    return float(np.mean(predict(params, x) == labels))
