"""Handles matrices only (unpacks both shapes into two names) and indexes
b as b[j, kk]: a vector stops at the unpacking, a matrix product runs past
b's first axis unless b is square. Two ways of failing, told apart."""

# expect: b was used transposed
# expect: a.shape was unpacked into 2 names, but a is a vector here
# expect: b.shape was unpacked into 2 names, but b is a vector here
# first: b was used transposed
# blocks: 5

import numpy as np


def dot(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    n, k = a.shape
    k2, m = b.shape
    if k != k2:
        raise ValueError(f"cannot multiply {a.shape} by {b.shape}")
    out = np.zeros((n, m))
    for i in range(n):
        for j in range(m):
            for kk in range(k):
                out[i, j] += a[i, kk] * b[j, kk]
    return out
