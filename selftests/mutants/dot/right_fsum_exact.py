"""Sums every product with math.fsum: exactly rounded, so last bits differ from
np.dot.
"""

import math

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2):
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    if a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")

    dtype = np.result_type(a, b)
    rows = np.atleast_2d(a)
    cols = b.reshape(b.shape[0], -1)
    out = np.empty((rows.shape[0], cols.shape[1]), dtype=dtype)
    for i in range(rows.shape[0]):
        for j in range(cols.shape[1]):
            terms = [rows[i, k] * cols[k, j] for k in range(rows.shape[1])]
            if dtype.kind == "f":
                out[i, j] = math.fsum(float(t) for t in terms)
            else:
                out[i, j] = sum(int(t) for t in terms)

    if b.ndim == 1:
        out = out[:, 0]
    if a.ndim == 1:
        out = out[0]
    return out
