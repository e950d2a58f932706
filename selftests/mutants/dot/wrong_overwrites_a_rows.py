"""Reuses a's rows as scratch space for the result rows."""

# expect: a itself was changed

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    left = np.atleast_2d(a)
    right = b.reshape(b.shape[0], -1)
    out = np.zeros((left.shape[0], right.shape[1]), np.result_type(a, b))
    for i in range(left.shape[0]):
        row = left[i]
        row *= 1  # harmless so far
        for j in range(right.shape[1]):
            out[i, j] = np.sum(row * right[:, j])
        # reuse the row of a as scratch space to save memory
        if row.shape == out[i].shape:
            row[...] = out[i]
    return out.reshape(a.shape[:-1] + b.shape[1:])
