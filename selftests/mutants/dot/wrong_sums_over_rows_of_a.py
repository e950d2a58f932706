"""Reads a[k, i] in the sum, a's rows and columns swapped: a.T·b for square
operands; an index out of range, or a result NumPy cannot reshape, for
others."""

# expect: the sum reads a[k, i]
# blocks: 1

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    left = np.atleast_2d(a)
    right = b.reshape(b.shape[0], -1)
    out = np.zeros((left.shape[1], right.shape[1]), dtype=np.result_type(a, b))
    for i in range(left.shape[1]):
        for j in range(right.shape[1]):
            out[i, j] = sum(left[k, i] * right[k, j] for k in range(left.shape[0]))
    return out.reshape(a.shape[:-1] + b.shape[1:])
