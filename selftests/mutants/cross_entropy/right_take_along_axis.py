"""Correct: turns one-hot into labels and picks with take_along_axis."""

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    labels = t.argmax(axis=-1) if t.shape == y.shape else t
    y = np.atleast_2d(y)
    labels = np.reshape(labels, (-1, 1))
    picked = np.take_along_axis(y, labels, axis=1)
    return float(-np.log(picked + 1e-8).sum() / len(y))
