"""Unpacks b.shape into two names, which fails for a vector b."""

# expect: b.shape was unpacked into 2 names, but b is a vector here

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
