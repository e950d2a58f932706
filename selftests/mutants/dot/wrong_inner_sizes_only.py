"""Checks only that the inner sizes match, with a.shape[-1] and b.shape[0]:
a single number stops there with an IndexError, and a 3-D operand gets as
far as unpacking a2.shape or b2.shape. Every case lacks one check, of
a.ndim and b.ndim, and reads as one."""

# expect: check a.ndim and b.ndim first
# reject: unpacking
# blocks: 1

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    a2 = a if a.ndim == 2 else a[None, :]
    b2 = b if b.ndim == 2 else b[:, None]
    n, k = a2.shape
    _, m = b2.shape
    out = np.zeros((n, m), dtype=np.result_type(a, b, np.float64))
    for i in range(n):
        for j in range(m):
            for p in range(k):
                out[i, j] += a2[i, p] * b2[p, j]
    if a.ndim == 1 and b.ndim == 1:
        return out[0, 0]
    if a.ndim == 1:
        return out[0]
    if b.ndim == 1:
        return out[:, 0]
    return out
