"""Adds the K outer products of a's columns and b's rows with reduce."""

from functools import reduce

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if not (1 <= a.ndim <= 2 and 1 <= b.ndim <= 2):
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    if a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    left = np.atleast_2d(a)
    right = b if b.ndim == 2 else b[:, np.newaxis]
    terms = (np.multiply.outer(left[:, k], right[k, :]) for k in range(a.shape[-1]))
    out = reduce(np.add, terms)
    if b.ndim == 1:
        out = out[:, 0]
    if a.ndim == 1:
        out = out[0]
    return out
