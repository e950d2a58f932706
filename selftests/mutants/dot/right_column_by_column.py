"""Correct: builds each output column as a weighted sum of a's columns."""

import numpy as np


def dot(a, b):
    a = np.array(a)
    b = np.array(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    a2 = a if a.ndim == 2 else a[None, :]
    b2 = b if b.ndim == 2 else b[:, None]
    columns = []
    for j in range(b2.shape[1]):
        col = a2[:, 0] * b2[0, j]
        for k in range(1, a2.shape[1]):
            col = col + a2[:, k] * b2[k, j]
        columns.append(col)
    out = np.stack(columns, axis=1)
    if a.ndim == 1:
        out = out[0]
    if b.ndim == 1:
        out = out[..., 0]
    return out
