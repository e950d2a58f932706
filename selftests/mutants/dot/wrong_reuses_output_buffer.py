"""Keeps one result array per shape, to save allocating one every call, and
fills it again each time: a later product of the same shape overwrites an
earlier one."""

# expect: a later product of the same shape overwrites an earlier one

import numpy as np

_buffers = {}


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")

    rows = np.atleast_2d(a)
    cols = b.reshape(b.shape[0], -1)
    n, k = rows.shape
    m = cols.shape[1]
    key = (n, m, np.result_type(rows, cols))
    if key not in _buffers:
        _buffers[key] = np.zeros((n, m), dtype=key[2])
    out = _buffers[key]
    out[...] = 0
    for i in range(n):
        for j in range(m):
            for kk in range(k):
                out[i, j] += rows[i, kk] * cols[kk, j]
    return out.reshape(a.shape[:-1] + b.shape[1:])
