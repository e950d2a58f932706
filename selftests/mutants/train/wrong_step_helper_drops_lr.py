"""Takes each step through a helper whose own lr default wins: the lr that
train was given never reaches sgd_update. The failure must say which call
gave which value."""

# expect: lr argument was ignored
# expect: (expected, from train(x, labels, lr=0.0, epochs=1))
# expect: call      train(x, labels, lr=0.0, epochs=4)

import numpy as np

from .backprop import backward
from .forward import forward, init_params, loss
from .sgd import sgd_update


def step(params, x, t, lr=1.0):
    sgd_update(params, backward(params, x, t), lr)


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    t = np.asarray(t)
    n_out = t.shape[1] if t.ndim == 2 else int(t.max()) + 1
    params = init_params(x.shape[1], n_hidden, n_out, seed=seed)

    losses = []
    for _ in range(epochs):
        losses.append(loss(params, x, t))
        step(params, x, t)
    return params, losses


def predict(params, x):
    return np.argmax(forward(params, x), axis=1)


def accuracy(params, x, labels):
    return float(np.mean(predict(params, x) == np.asarray(labels)))
