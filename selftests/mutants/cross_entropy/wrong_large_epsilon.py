"""Guards the log with an epsilon of 1e-3, large enough to bias every loss."""

# expect: the epsilon is too large

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=float)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1])[t]
    return float(np.mean(-np.sum(t * np.log(y + 1e-3), axis=-1)))
