"""Reads C from y.shape[1], which a single sample y (C,) does not have."""

# expect: only batches (N, C) are handled
# reject: must accept a zero probability on the true class

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    c = y.shape[1]
    if t.shape != y.shape:
        t = np.eye(c)[t]
    return float(np.mean(-np.sum(t * np.log(y + 1e-7), axis=1)))
