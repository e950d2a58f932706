"""Tells labels from one-hot by t.dtype == int, which holds for int64
alone: int32 labels are taken for one-hot, and t * log(y) no longer fits."""

# expect: labels told from one-hot by dtype == int: int32 labels are not int64

import numpy as np

EPS = 1e-7


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.shape != y.shape and t.dtype == int:
        t = np.eye(y.shape[-1])[t]
    n = y.shape[0] if y.ndim == 2 else 1
    return float(-np.sum(t * np.log(y + EPS)) / n)
