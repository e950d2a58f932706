"""predict returns a Python list of ints, not an int array."""

# expect: predict must return a NumPy int array

import numpy as np

from .backprop import backward
from .forward import forward, init_params, loss
from .sgd import sgd_update


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    t = np.asarray(t)
    n_classes = int(t.max()) + 1 if t.ndim == 1 else t.shape[1]
    params = init_params(x.shape[1], n_hidden, n_classes, seed)
    losses = []
    for _ in range(epochs):
        losses.append(float(loss(params, x, t)))
        sgd_update(params, backward(params, x, t), lr)
    return params, losses


def predict(params, x):
    return [int(i) for i in np.argmax(forward(params, x), axis=1)]


def accuracy(params, x, labels):
    pred = predict(params, x)
    return sum(p == int(y) for p, y in zip(pred, labels, strict=True)) / len(labels)
