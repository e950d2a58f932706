"""Adds 1e-7 to the denominator "for safety": rows sum to 1 - 1e-7, not 1."""

# expect: differs   most at

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / (e.sum(axis=-1, keepdims=True) + 1e-7)
