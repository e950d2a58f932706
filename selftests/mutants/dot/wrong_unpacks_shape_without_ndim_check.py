"""Unpacks both shapes into two names each, with no look at ndim first: a
vector, a single number or a 3-D array stops at the unpacking, with
Python's ValueError, not a check of the code's own."""

# expect: a.shape was unpacked into 2 names, but a is a vector here
# expect: this ValueError comes from unpacking a.shape, not from a check
# reject: is NumPy's

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    n, k = a.shape
    if b.ndim == 1:
        if b.shape[0] != k:
            raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
        return (a * b).sum(axis=1)
    k2, m = b.shape
    if k != k2:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    return (a[:, :, None] * b[None, :, :]).sum(axis=1)
