"""Adds up the samples' losses instead of taking their mean."""

# expect: the sum over the samples, not the mean
# reject: the two-class formula

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=float)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1])[t]
    return -np.sum(t * np.log(y + 1e-7))
