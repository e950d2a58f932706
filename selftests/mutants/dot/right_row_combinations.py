"""Each output row is a weighted sum of b's rows, weights from a's row."""

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    a2 = np.atleast_2d(a)
    b2 = b.reshape(b.shape[0], -1)
    rows = []
    for i in range(a2.shape[0]):
        rows.append((a2[i][:, None] * b2).sum(axis=0))
    out = np.array(rows)
    return out.reshape(a.shape[:-1] + b.shape[1:])
