"""Counts label classes with len(np.unique(labels)), and prints its progress:
what the missing-class test shows printed must be that call's alone.
"""

# expect: a class may be missing from the labels

import numpy as np

from .backprop import backward
from .forward import forward, init_params, loss
from .sgd import sgd_update


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    t = np.asarray(t)
    n_classes = t.shape[1] if t.ndim == 2 else len(np.unique(t))
    params = init_params(x.shape[1], n_hidden, n_classes, seed)
    losses = []
    print(f"training on {len(x)} flowers")
    for _ in range(epochs):
        losses.append(float(loss(params, x, t)))
        sgd_update(params, backward(params, x, t), lr)
        if _ % 100 == 0:
            print(f"epoch {_}: loss {losses[-1]:.4f}")
    return params, losses


def predict(params, x):
    return np.argmax(forward(params, x), axis=1)


def accuracy(params, x, labels):
    return float(np.mean(predict(params, x) == np.asarray(labels)))
