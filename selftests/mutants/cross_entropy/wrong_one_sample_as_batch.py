"""Divides by len(y), which for one sample of shape (C,) is C, not 1."""

# expect: one sample of shape (C,) was treated as a batch of C

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=float)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1])[t]
    return -np.sum(t * np.log(y + 1e-7)) / len(y)
