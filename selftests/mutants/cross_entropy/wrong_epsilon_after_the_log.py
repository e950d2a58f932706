"""Adds the epsilon to the log of the picked probabilities, not to them:
log(0) + 1e-7 is still -inf."""

# expect: the epsilon was added after the log, not inside it
# reject: guard the log with a small epsilon

import numpy as np

EPS = 1e-7


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.shape == y.shape:
        t = t.argmax(axis=-1)
    if y.ndim == 1:
        return float(-(np.log(y[t]) + EPS))
    n = y.shape[0]
    return float(-np.mean(np.log(y[np.arange(n), t]) + EPS))
