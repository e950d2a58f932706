"""Unpacks b.shape into two names, which fails for a vector b."""

# expect: an argument may be a vector, b of shape (K,)

import numpy as np


def dot(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    n, k = a.shape
    k2, m = b.shape
    if k != k2:
        raise ValueError(f"shapes {a.shape} and {b.shape} do not align")
    out = np.zeros((n, m))
    for i in range(n):
        for j in range(m):
            for p in range(k):
                out[i, j] += a[i, p] * b[p, j]
    return out
