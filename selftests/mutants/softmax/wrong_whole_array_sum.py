"""Divides by the sum over the whole array instead of each row's own sum."""

import numpy as np

# expect: divided by the sum of the whole array


def softmax(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / np.sum(e)
