"""Turns one-hot t into labels, then picks y[:, t], an N x N matrix."""

# expect: y[:, t] takes every sample's probability of every label
# reject: the loss is 1/N of the right one
# reject: a mean over all the entries of t * log(y)

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.shape == y.shape:
        t = t.argmax(axis=-1)
    if y.ndim == 1:
        return float(-np.log(y[t] + 1e-7))
    return float(-np.mean(np.log(y[:, t] + 1e-7)))
