"""Indexes b as b[j, k]: runs past b's first axis unless b is square."""

# expect: b was used transposed

import numpy as np


def dot(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply {a.shape} by {b.shape}")
    a2 = a.reshape(-1, a.shape[-1])
    b2 = b.reshape(b.shape[0], -1)
    n, k = a2.shape
    m = b2.shape[1]
    out = np.zeros((n, m))
    for i in range(n):
        for j in range(m):
            for kk in range(k):
                out[i, j] += a2[i, kk] * b2[j, kk]
    return out.reshape(a.shape[:-1] + b.shape[1:])
