"""Shift by the max with np.subtract into a fresh array, then multiply by the
reciprocal.
"""

import numpy as np


def softmax(x):
    x = np.array(x, dtype=np.float64)  # a copy, so the in-place steps are safe
    x -= x.max(axis=-1, keepdims=True)
    np.exp(x, out=x)
    x *= 1.0 / x.sum(axis=-1, keepdims=True)
    return x
