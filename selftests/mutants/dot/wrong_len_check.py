"""Checks len(a) != len(b): a's row count, not its last size."""

# expect: compares the first axes of a and b
# reject: check the shapes first
# first: compares the first axes of a and b
# blocks: 1

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or len(a) != len(b):
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    a2 = np.atleast_2d(a)
    b2 = b.reshape(b.shape[0], -1)
    out = np.zeros((a2.shape[0], b2.shape[1]), dtype=np.result_type(a, b))
    for i in range(a2.shape[0]):
        for j in range(b2.shape[1]):
            for k in range(a2.shape[1]):
                out[i, j] += a2[i, k] * b2[k, j]
    return out.reshape(a.shape[:-1] + b.shape[1:])
