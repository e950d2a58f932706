"""Counts label classes with len(np.unique(labels)) and builds the one-hot
targets with np.put_along_axis: with a class absent from the labels, the
largest label is out of bounds, and NumPy's own code raises IndexError.
"""

# expect: a class may be missing from the labels
# expect: where     selftests/mutants/train/wrong_classes_by_unique_put_along_axis.py, line 21: np.put_along_axis(

import numpy as np

from .backprop import backward
from .forward import forward, init_params, loss
from .sgd import sgd_update


def train(x, t, n_hidden=5, lr=1.0, epochs=500, seed=0):
    t = np.asarray(t)
    if t.ndim == 1:
        n_classes = len(np.unique(t))
        targets = np.zeros((len(t), n_classes))
        np.put_along_axis(targets, t[:, None], 1.0, axis=1)
        t = targets
    params = init_params(x.shape[1], n_hidden, t.shape[1], seed)
    losses = []
    for _ in range(epochs):
        losses.append(float(loss(params, x, t)))
        sgd_update(params, backward(params, x, t), lr)
    return params, losses


def predict(params, x):
    return np.argmax(forward(params, x), axis=1)


def accuracy(params, x, labels):
    return float(np.mean(predict(params, x) == np.asarray(labels)))
