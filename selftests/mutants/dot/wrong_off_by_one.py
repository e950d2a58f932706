"""Stops the sum one term early: range(K - 1)."""

# expect: the loop over the inner size k stops one short

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")

    a2 = np.atleast_2d(a)
    b2 = b.reshape(b.shape[0], -1)
    out = np.zeros((a2.shape[0], b2.shape[1]))
    for i in range(a2.shape[0]):
        for j in range(b2.shape[1]):
            for k in range(a2.shape[1] - 1):
                out[i, j] += a2[i, k] * b2[k, j]
    return out.reshape(a.shape[:-1] + b.shape[1:])
