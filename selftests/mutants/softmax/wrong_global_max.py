"""Shifts by the maximum of the whole array, not by each row's maximum."""

import numpy as np

# expect: the maximum of the whole array (x.max()) was subtracted


def softmax(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(x - np.max(x))
    return e / e.sum(axis=-1, keepdims=True)
