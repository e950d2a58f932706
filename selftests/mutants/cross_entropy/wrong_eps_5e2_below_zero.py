"""Guards the log with an epsilon of 0.05, a size no common guard has: a
certain right prediction then costs -log(1.05), below 0."""

# expect: the epsilon is too large
# first: the epsilon is too large (0.05)

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=float)
    t = np.asarray(t)
    if y.ndim == 1:
        y = y.reshape(1, -1)
        t = t.reshape(1, -1) if t.ndim == 1 else np.atleast_1d(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[1])[t]
    return -np.sum(t * np.log(y + 5e-2)) / y.shape[0]
