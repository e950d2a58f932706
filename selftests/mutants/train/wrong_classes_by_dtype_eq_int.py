"""Tells labels from one-hot by t.dtype == int, which holds for int64
alone: int32 labels are taken for one-hot, and t.shape[1] does not exist."""

# expect: labels told from one-hot by dtype == int: int32 labels are not int64

import numpy as np

from .backprop import backward
from .forward import forward, init_params, loss
from .sgd import sgd_update


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    t = np.asarray(t)
    if t.dtype == int:
        c = int(t.max()) + 1
    else:
        c = t.shape[1]
    params = init_params(x.shape[1], n_hidden, c, seed)
    losses = []
    for _ in range(epochs):
        losses.append(float(loss(params, x, t)))
        sgd_update(params, backward(params, x, t), lr)
    return params, losses


def predict(params, x):
    return np.argmax(forward(params, x), axis=1)


def accuracy(params, x, labels):
    return float(np.mean(predict(params, x) == labels))
