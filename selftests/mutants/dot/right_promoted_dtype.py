"""Sums row by column into a result of np.promote_types of the operands:
ints stay ints, float32 stays float32 only with float32, and float32 with
float64 gives float64, as np.dot does."""

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    rows = np.atleast_2d(a)
    columns = b.reshape(b.shape[0], -1)
    dtype = np.promote_types(a.dtype, b.dtype)
    out = np.empty((rows.shape[0], columns.shape[1]), dtype=dtype)
    for i in range(rows.shape[0]):
        for j in range(columns.shape[1]):
            out[i, j] = np.sum(rows[i].astype(dtype) * columns[:, j].astype(dtype))
    return out.reshape(a.shape[:-1] + b.shape[1:])
