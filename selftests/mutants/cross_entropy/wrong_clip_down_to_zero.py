"""Clips y to [0, 1], which guards nothing."""

# expect: log(0) is -inf

import numpy as np

EPS = 1e-7


def cross_entropy(y, t):
    y = np.clip(np.asarray(y, dtype=np.float64), 0.0, 1.0)
    t = np.asarray(t)
    if t.ndim == y.ndim:
        t = t.argmax(axis=-1)
    y2 = y.reshape(-1, y.shape[-1])
    picked = y2[np.arange(y2.shape[0]), t.reshape(-1)]
    return float(-np.mean(np.log(picked)))
