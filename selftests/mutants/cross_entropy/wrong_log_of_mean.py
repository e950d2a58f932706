"""Takes -log of the mean probability, not the mean of -log."""

# expect: the log of the mean probability

import numpy as np

EPS = 1e-7


def cross_entropy(y, t):
    y = np.atleast_2d(np.asarray(y, dtype=np.float64))
    t = np.asarray(t)
    if t.ndim == 2 or t.shape == (y.shape[1],) and y.shape[0] == 1 and t.ndim == 1:
        t = np.atleast_2d(t).argmax(axis=1)
    t = np.atleast_1d(t)
    picked = y[np.arange(y.shape[0]), t]
    return float(-np.log(np.mean(picked) + EPS))
