"""Sums into np.zeros((n, m), dtype=int): every fraction is cut off."""

# expect: an integer array accumulates: the fractions are cut off
# expect: [[0, 0], [0, 1]] (int64)

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")

    rows = np.atleast_2d(a)
    columns = b.reshape(b.shape[0], -1)
    n, m = rows.shape[0], columns.shape[1]
    out = np.zeros((n, m), dtype=int)
    for i in range(n):
        for j in range(m):
            for k in range(rows.shape[1]):
                out[i, j] += rows[i, k] * columns[k, j]
    return out.reshape(a.shape[:-1] + b.shape[1:])
