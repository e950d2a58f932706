"""Sums the terms down the batch (axis=0), then averages over the C classes."""

# expect: divided by C, the number of classes
# expect: a sum over axis 0, down the samples
# reject: treated as a batch of C
# reject: a mean over all the entries of t * log(y)

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1])[t]
    y, t = np.atleast_2d(y), np.atleast_2d(t)
    return float(np.mean(-np.sum(t * np.log(y + 1e-7), axis=0)))
