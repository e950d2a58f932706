"""Subtracts the epsilon inside the log: log(p - eps)."""

# expect: the epsilon was subtracted

import numpy as np

EPS = 1e-7


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.ndim == y.ndim:
        t = t.argmax(axis=-1)
    y2 = y.reshape(-1, y.shape[-1])
    picked = y2[np.arange(y2.shape[0]), t.reshape(-1)]
    return float(-np.mean(np.log(picked - EPS)))
