"""Handles one-hot t right, but picks y[:, t] for labels: an N x N matrix,
whose mean for a 2 x 2 batch with zeros on the true classes happens to be
that of int labels multiplied in as if one-hot."""

# expect: y[:, t] takes every sample's probability
# reject: int labels were used as if they were one-hot
# blocks: 1

import numpy as np

EPS = 1e-7


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if y.ndim == 1:
        y = y[None, :]
        t = t[None, ...] if t.ndim == 1 else np.atleast_1d(t)
    if t.shape == y.shape:
        return float(-np.sum(t * np.log(y + EPS)) / y.shape[0])
    return float(-np.mean(np.log(y[:, t] + EPS)))
