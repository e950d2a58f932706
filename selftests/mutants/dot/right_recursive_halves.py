"""Correct: each sum of products is split in halves, recursively."""

import numpy as np


def _sum_products(row, col):
    """Sum of row[k] * col[k], by halves."""
    if len(row) == 1:
        return row[0] * col[0]
    mid = len(row) // 2
    return _sum_products(row[:mid], col[:mid]) + _sum_products(row[mid:], col[mid:])


def dot(a, b):
    a, b = np.asarray(a), np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    a2 = np.atleast_2d(a)
    b2 = b.reshape(b.shape[0], -1)
    out = np.empty((a2.shape[0], b2.shape[1]), dtype=np.result_type(a, b))
    for i in range(a2.shape[0]):
        for j in range(b2.shape[1]):
            out[i, j] = _sum_products(a2[i], b2[:, j])
    return out.reshape(a.shape[:-1] + b.shape[1:])
