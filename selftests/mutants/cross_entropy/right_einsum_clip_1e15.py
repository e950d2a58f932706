"""Correct: returns a NumPy float64 scalar computed with np.clip to
[1e-15, 1] and np.einsum."""

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1])[t]
    y2 = np.atleast_2d(np.clip(y, 1e-15, 1.0))
    t2 = np.atleast_2d(t).astype(np.float64)
    return np.float64(-np.einsum("nc,nc->", t2, np.log(y2)) / y2.shape[0])
