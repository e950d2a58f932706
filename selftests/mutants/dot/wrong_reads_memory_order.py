"""Walks each operand's numbers in memory order (ravel(order="K")) and
indexes them as if row by row: right for arrays made row by row, wrong for
a transposed one, whose numbers lie column by column."""

# expect: in the order they lie in memory

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    a2 = np.atleast_2d(a)
    b2 = b.reshape(b.shape[0], -1)
    n, k = a2.shape
    m = b2.shape[1]
    fa = a2.ravel(order="K")  # flat views in memory order, faster
    fb = b2.ravel(order="K")
    out = np.zeros((n, m), dtype=np.result_type(a, b))
    for i in range(n):
        for j in range(m):
            out[i, j] = sum(fa[i * k + q] * fb[q * m + j] for q in range(k))
    return out.reshape(a.shape[:-1] + b.shape[1:])
