"""Takes the mean, then divides by N again."""

# expect: divided by N twice

import numpy as np

EPS = 1e-7


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.ndim == y.ndim:
        t = t.argmax(axis=-1)
    y2 = y.reshape(-1, y.shape[-1])
    n = y2.shape[0]
    picked = y2[np.arange(n), t.reshape(-1)]
    return float(-np.mean(np.log(picked + EPS)) / n)
