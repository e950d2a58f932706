"""A boolean mask of the true classes, from one-hot or from labels."""

import numpy as np

EPS = 1e-7


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    n = y.shape[0] if y.ndim == 2 else 1
    if t.shape == y.shape:
        mask = t.astype(bool)
    else:
        mask = np.zeros(y.shape, dtype=bool)
        if y.ndim == 2:
            mask[np.arange(n), t] = True
        else:
            mask[t] = True
    return -np.log(y[mask] + EPS).sum() / n
