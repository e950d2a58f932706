"""For a vector times a matrix, (K,)·(K, M), the loop over k stops at the
smaller of K and M: with one column, each sum keeps its first product only,
which on operands of ones is also the last."""

# reject: only the last product of each sum was kept

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    if a.ndim == 1 and b.ndim == 2:
        out = np.zeros(b.shape[1])
        for j in range(b.shape[1]):
            for k in range(min(b.shape[0], b.shape[1])):
                out[j] += a[k] * b[k, j]
        return out
    a2 = np.atleast_2d(a)
    b2 = b.reshape(b.shape[0], -1)
    out = (a2[:, :, None] * b2[None, :, :]).sum(axis=1)
    return out.reshape(a.shape[:-1] + b.shape[1:])
