"""Shifts with x -= ..., which overwrites the caller's float array."""

import numpy as np

# expect: changed its argument


def softmax(x):
    x = np.asarray(x, dtype=float)
    x -= x.max(axis=-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)
