"""Takes C from t.shape[1], which labels of shape (N,) do not have."""

# expect: t.shape[1] of labels

import numpy as np

from .backprop import backward
from .forward import forward, init_params, loss
from .sgd import sgd_update


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    C = t.shape[1]
    params = init_params(x.shape[1], n_hidden, C, seed)
    losses = []
    for _ in range(epochs):
        losses.append(loss(params, x, t))
        sgd_update(params, backward(params, x, t), lr)
    return params, losses


def predict(params, x):
    return np.argmax(forward(params, x), axis=1)


def accuracy(params, x, labels):
    return float(np.mean(predict(params, x) == labels))
