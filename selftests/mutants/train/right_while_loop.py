"""A while loop over epochs; losses kept as a list of numpy float64 values."""

import numpy as np

from .backprop import backward
from .forward import forward, init_params, loss
from .sgd import sgd_update


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    t = np.asarray(t)
    classes = t.shape[-1] if t.ndim > 1 else int(t.max()) + 1
    params = init_params(x.shape[1], n_hidden, int(classes), seed=seed)

    losses = []
    while len(losses) < epochs:
        losses.append(np.float64(loss(params, x, t)))
        grads = backward(params, x, t)
        sgd_update(params, grads, lr)
    return params, losses


def predict(params, x):
    probs = forward(params, x)
    return np.array([int(np.argmax(row)) for row in probs], dtype=int).reshape(len(x))


def accuracy(params, x, labels):
    return float(np.mean(np.equal(predict(params, x), labels)))
