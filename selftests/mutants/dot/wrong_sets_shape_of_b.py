"""Reshapes a 1-D b in place (b.shape = ...) on the caller's array."""

# expect: b's shape was changed

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    drop = b.ndim == 1
    if drop:
        b.shape = (b.shape[0], 1)
    a2 = np.atleast_2d(a)
    out = np.zeros((a2.shape[0], b.shape[1]), dtype=np.result_type(a, b))
    for i in range(a2.shape[0]):
        for j in range(b.shape[1]):
            for k in range(a2.shape[1]):
                out[i, j] += a2[i, k] * b[k, j]
    shape = a.shape[:-1] + (() if drop else b.shape[1:])
    return out.reshape(shape)
