"""Turns a 1-D operand into a row by setting its .shape, which changes the
caller's array object."""

# expect: b.shape = ...

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    out_shape = a.shape[:-1] + b.shape[1:]
    if a.ndim == 1:
        a.shape = (1, a.size)
    if b.ndim == 1:
        b.shape = (b.size, 1)
    n, k = a.shape
    m = b.shape[1]
    out = np.zeros((n, m), dtype=np.result_type(a, b))
    for i in range(n):
        for j in range(m):
            for p in range(k):
                out[i, j] += a[i, p] * b[p, j]
    return out.reshape(out_shape)
