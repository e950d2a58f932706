"""Loops j over range(m - 1) when b has more than one column."""

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    a2 = np.atleast_2d(a)
    b2 = b.reshape(b.shape[0], -1)
    n, m = a2.shape[0], b2.shape[1]
    out = np.zeros((n, m), dtype=np.result_type(a, b))
    stop = m - 1 if m > 1 else m
    for i in range(n):
        for j in range(stop):
            out[i, j] = sum(a2[i, k] * b2[k, j] for k in range(a2.shape[1]))
    return out.reshape(a.shape[:-1] + b.shape[1:])
