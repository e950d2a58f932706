"""Makes the result an int array whenever b is of ints: a float a is cut
to ints, each sum as a whole."""

# expect: the result was made an integer array (in b's type, say)

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    rows = np.atleast_2d(a)
    columns = b.reshape(b.shape[0], -1)
    kind = int if b.dtype.kind in "iu" else float
    out = np.zeros((rows.shape[0], columns.shape[1]), dtype=kind)
    for i in range(rows.shape[0]):
        for j in range(columns.shape[1]):
            out[i, j] = sum(rows[i, k] * columns[k, j] for k in range(rows.shape[1]))
    return out.reshape(a.shape[:-1] + b.shape[1:])
