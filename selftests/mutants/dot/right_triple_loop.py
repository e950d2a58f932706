"""Plain Python loops over lists, shapes checked by hand."""

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2):
        raise ValueError(f"dot needs 1-D or 2-D operands, got {a.shape} and {b.shape}")
    if a.shape[-1] != b.shape[0]:
        raise ValueError(f"inner sizes differ: {a.shape} and {b.shape}")

    rows = a.tolist() if a.ndim == 2 else [a.tolist()]
    cols = b.T.tolist() if b.ndim == 2 else [b.tolist()]
    out = [[sum(x * y for x, y in zip(row, col)) for col in cols] for row in rows]

    if a.ndim == 1 and b.ndim == 1:
        return out[0][0]
    if a.ndim == 1:
        return np.array(out[0])
    if b.ndim == 1:
        return np.array([row[0] for row in out])
    return np.array(out)
