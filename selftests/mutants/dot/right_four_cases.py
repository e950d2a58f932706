"""One branch per combination of dimensions, loops in each."""

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2):
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    if a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    k = b.shape[0]
    dtype = np.result_type(a, b)
    if a.ndim == 1 and b.ndim == 1:
        total = dtype.type(0)
        for p in range(k):
            total += a[p] * b[p]
        return total
    if a.ndim == 2 and b.ndim == 1:
        out = np.zeros(a.shape[0], dtype=dtype)
        for i in range(a.shape[0]):
            for p in range(k):
                out[i] += a[i, p] * b[p]
        return out
    if a.ndim == 1:
        out = np.zeros(b.shape[1], dtype=dtype)
        for j in range(b.shape[1]):
            for p in range(k):
                out[j] += a[p] * b[p, j]
        return out
    out = np.zeros((a.shape[0], b.shape[1]), dtype=dtype)
    for i in range(a.shape[0]):
        for j in range(b.shape[1]):
            for p in range(k):
                out[i, j] += a[i, p] * b[p, j]
    return out
