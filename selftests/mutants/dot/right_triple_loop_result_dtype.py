"""Plain triple loop over Python indices; the result dtype follows the operands."""

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")

    rows = a if a.ndim == 2 else a[np.newaxis, :]
    cols = b if b.ndim == 2 else b[:, np.newaxis]
    out = np.zeros((rows.shape[0], cols.shape[1]), dtype=np.result_type(a, b))
    for i in range(rows.shape[0]):
        for j in range(cols.shape[1]):
            for k in range(rows.shape[1]):
                out[i, j] += rows[i, k] * cols[k, j]

    if b.ndim == 1:
        out = out[:, 0]
    if a.ndim == 1:
        out = out[0]
    return out
