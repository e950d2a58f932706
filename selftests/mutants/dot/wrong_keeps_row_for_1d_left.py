"""A 1-D left operand becomes a row and stays one: (K,)·(K, M) gives (1, M)."""

# expect: an axis too many was kept or added

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    a2 = np.atleast_2d(a)
    b2 = b.reshape(b.shape[0], -1)
    out = (a2[:, :, None] * b2[None, :, :]).sum(axis=1)
    if b.ndim == 1:
        out = out[:, 0]
    return out
