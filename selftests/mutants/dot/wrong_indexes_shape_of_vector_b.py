"""Reads b.shape[1] with no look at b.ndim: a vector b has one axis only,
and the index runs past the end of its shape."""

# expect: b.shape[1] was read, but b is a vector here
# reject: check the shapes first and raise ValueError yourself

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    n, k = a.shape
    m = b.shape[1]
    if b.shape[0] != k:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    out = np.zeros((n, m))
    for i in range(n):
        for j in range(m):
            for p in range(k):
                out[i, j] += a[i, p] * b[p, j]
    return out
