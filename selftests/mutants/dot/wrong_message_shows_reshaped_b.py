"""Makes a 1-D b a column first, then names that column's shape in the
ValueError: (4, 1), where the caller passed (4,)."""

# expect: shows b's shape after the reshape

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    vector = b.ndim == 1
    if vector:
        b = b.reshape(-1, 1)
    if a.ndim not in (1, 2) or b.ndim != 2 or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    a2 = np.atleast_2d(a)
    out = np.zeros((a2.shape[0], b.shape[1]))
    for k in range(b.shape[0]):
        out = out + np.multiply.outer(a2[:, k], b[k])
    out = out[0] if a.ndim == 1 else out
    return out[..., 0] if vector else out
