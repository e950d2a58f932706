"""Nested list comprehensions of row-by-column sums."""

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim > 2 or b.ndim > 2 or a.ndim == 0 or b.ndim == 0:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    if a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    rows = a if a.ndim == 2 else a[None]
    cols = (b if b.ndim == 2 else b[:, None]).T
    dtype = np.result_type(a, b)
    out = np.array(
        [[sum(r * c for r, c in zip(row, col)) for col in cols] for row in rows],
        dtype=dtype,
    ).reshape(len(rows), len(cols))
    if a.ndim == 1 and b.ndim == 1:
        return out[0, 0]
    if a.ndim == 1:
        return out[0]
    if b.ndim == 1:
        return out[:, 0]
    return out
