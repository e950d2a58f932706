"""Takes np.log1p for a more accurate log: log1p(y) is log(1 + y), so
every loss comes out below 0."""

# expect: np.log1p instead of np.log
# reject: the epsilon is too large
# reject: the minus sign is missing

import numpy as np

EPS = 1e-7


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.shape != y.shape:
        t = np.eye(y.shape[-1])[t]
    n = 1 if y.ndim == 1 else y.shape[0]
    # log1p is more accurate near 0
    return -np.sum(t * np.log1p(y + EPS)) / n
