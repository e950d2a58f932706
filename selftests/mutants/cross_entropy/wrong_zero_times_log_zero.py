"""Multiplies one-hot t by an unguarded log(y): 0 * log(0) is nan."""

# expect: 0 * log(0) there, which is nan

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=float)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1])[t]
    return float(np.mean(-np.sum(t * np.log(y), axis=-1)))
