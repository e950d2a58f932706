"""Keeps the trained params in a module global and continues from them on the
next call.
"""

# expect: state kept between calls

import numpy as np

from .backprop import backward
from .forward import forward, init_params, loss
from .sgd import sgd_update

PARAMS = None


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    global PARAMS
    t = np.asarray(t)
    n_classes = int(t.max()) + 1 if t.ndim == 1 else t.shape[1]
    if PARAMS is None or PARAMS["w1"].shape != (x.shape[1], n_hidden):
        PARAMS = init_params(x.shape[1], n_hidden, n_classes, seed)
    params = PARAMS
    losses = []
    for _ in range(epochs):
        losses.append(float(loss(params, x, t)))
        sgd_update(params, backward(params, x, t), lr)
    return params, losses


def predict(params, x):
    return np.argmax(forward(params, x), axis=1)


def accuracy(params, x, labels):
    return float(np.mean(predict(params, x) == np.asarray(labels)))
