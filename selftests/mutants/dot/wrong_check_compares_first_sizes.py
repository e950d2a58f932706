"""Checks a's first size against b's last, the wrong pair: shapes that fit
are refused, and some that do not are let through to NumPy."""

# expect: the shape check refused shapes that fit
# blocks: 3

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.shape[0] != b.shape[-1]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    return a @ b
