"""Treats a 1-D left operand as a column, so (K,)·(K, M) is refused."""

# expect: the shape check refused shapes that fit

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2):
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    left = a.reshape(-1, 1) if a.ndim == 1 else a
    right = b.reshape(-1, 1) if b.ndim == 1 else b
    if left.shape[1] != right.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    out = np.zeros((left.shape[0], right.shape[1]), np.result_type(a, b))
    for k in range(left.shape[1]):
        out += np.outer(left[:, k], right[k])
    return out.reshape(a.shape[:-1] + b.shape[1:])
