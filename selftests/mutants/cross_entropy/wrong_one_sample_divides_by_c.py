"""Divides by y.shape[0]: for a single 1-D sample that is C, not 1."""

# expect: treated as a batch of C

import numpy as np

EPS = 1e-7


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1])[t]
    return -np.sum(t * np.log(y + EPS)) / y.shape[0]
