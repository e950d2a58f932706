"""Makes floats of the operands with * 1.0 and allocates the result like a:
an int a becomes float64, but a float32 a rounds the float64 products with
b to float32."""

# expect: the result was kept in float32

import numpy as np


def dot(a, b):
    a = np.asarray(a) * 1.0
    b = np.asarray(b) * 1.0
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    rows = np.atleast_2d(a)
    columns = b.reshape(b.shape[0], -1)
    out = np.zeros_like(rows, shape=(rows.shape[0], columns.shape[1]))
    for i in range(rows.shape[0]):
        for j in range(columns.shape[1]):
            out[i, j] = np.sum(rows[i] * columns[:, j])
    return out.reshape(a.shape[:-1] + b.shape[1:])
