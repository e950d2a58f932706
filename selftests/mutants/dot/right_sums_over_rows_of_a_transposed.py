"""Transposes a first, then reads its k-th row: at[k, i] is a[i, k]."""

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    at = np.atleast_2d(a).T
    right = b.reshape(b.shape[0], -1)
    out = np.zeros((at.shape[1], right.shape[1]), dtype=np.result_type(a, b))
    for i in range(at.shape[1]):
        for j in range(right.shape[1]):
            out[i, j] = sum(at[k, i] * right[k, j] for k in range(at.shape[0]))
    return out.reshape(a.shape[:-1] + b.shape[1:])
