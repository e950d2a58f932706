"""Correct: works in float32 throughout and returns an np.float32, a NumPy
scalar as the docstring allows."""

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float32)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1], dtype=np.float32)[t]
    per = -np.sum(t * np.log(y + np.float32(1e-7)), axis=-1)
    return np.float32(np.mean(per))
