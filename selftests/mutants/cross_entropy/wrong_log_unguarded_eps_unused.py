"""Keeps the file's EPS but never puts it in the log."""

# expect: np.log(y + EPS), or clip y to [EPS, 1] first
# reject: np.log(y + 1e-7)

import numpy as np

EPS = 1e-7


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1])[t]
    per_sample = -np.sum(t * np.log(y), axis=-1)
    return float(np.mean(per_sample))
