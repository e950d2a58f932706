"""A Python sum over zip(rows, labels) of -math.log(p + 1e-10)."""

import numpy as np

EPS = 1e-7


import math


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.ndim == y.ndim:
        t = t.argmax(axis=-1)
    rows = y.reshape(-1, y.shape[-1])
    labels = t.reshape(-1)
    total = sum(-math.log(row[k] + 1e-10) for row, k in zip(rows, labels))
    return total / len(rows)
