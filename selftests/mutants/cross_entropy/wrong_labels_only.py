"""Handles only labels: one-hot targets are used as (float) indices and crash
or mislead.
"""

import numpy as np

EPS = 1e-7


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    y2 = y.reshape(-1, y.shape[-1])
    t = np.asarray(t).astype(int).reshape(-1)
    return -np.mean(np.log(y2[np.arange(y2.shape[0]), t[: y2.shape[0]]] + EPS))
