"""Adds up a's column k in a loop and scales row k of b by it: the sum over
a's rows, not the shared axis, which for a vector times a matrix with K = 2
gives what a sum one term short gives."""

# reject: the loop over the inner size k

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    a2 = np.atleast_2d(a)
    b2 = b.reshape(b.shape[0], -1)
    out = np.zeros((a2.shape[1], b2.shape[1]))
    for k in range(a2.shape[1]):
        out[k] = a2[:, k].sum() * b2[k]
    if a.ndim == 1:
        out = out[0]
    if b.ndim == 1:
        out = out[..., 0]
    return out
