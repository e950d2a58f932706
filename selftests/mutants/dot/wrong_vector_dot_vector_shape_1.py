"""(K,) times (K,) comes back as an array of shape (1,)."""

# expect: expected ndim 0, got 1

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    if a.ndim == 1 and b.ndim == 1:
        return np.array([np.sum(a * b)])
    a2 = np.atleast_2d(a)
    b2 = b.reshape(b.shape[0], -1)
    out = (a2[:, :, None] * b2[None, :, :]).sum(axis=1)
    return out.reshape(a.shape[:-1] + b.shape[1:])
