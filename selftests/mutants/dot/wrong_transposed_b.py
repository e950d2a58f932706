"""Indexes b as b[j, k] instead of b[k, j]: right only for symmetric b."""

import numpy as np


def dot(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    a2 = np.atleast_2d(a)
    b2 = b.reshape(b.shape[0], -1)
    out = np.zeros((a2.shape[0], b2.shape[1]))
    for i in range(a2.shape[0]):
        for j in range(b2.shape[1]):
            for k in range(a2.shape[1]):
                out[i, j] += (
                    a2[i, k] * b2[j, k] if j < b2.shape[0] and k < b2.shape[1] else 0
                )
    return out.reshape(a.shape[:-1] + b.shape[1:])
