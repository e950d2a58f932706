"""Divides the summed loss by y.shape[1], the number of classes, not by N."""

# expect: divided by C, the number of classes

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=float)
    if y.ndim == 1:
        y = y.reshape(1, -1)
    t = np.asarray(t)
    if t.ndim == 0:
        t = t.reshape(1)
    if t.shape != y.shape:
        t = np.eye(y.shape[1])[t]
    return -np.sum(t * np.log(y + 1e-7)) / y.shape[1]
