"""Reads b's flat memory as if it were (M, K): b[k, j] becomes b.flat[j * K + k]."""

# expect: b was used transposed

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    left = np.atleast_2d(a)
    right = b.reshape(b.shape[0], -1)
    n, k = left.shape
    m = right.shape[1]
    out = np.zeros((n, m), np.result_type(a, b))
    for i in range(n):
        for j in range(m):
            for p in range(k):
                out[i, j] += left[i, p] * right.flat[j * k + p]
    return out.reshape(a.shape[:-1] + b.shape[1:])
