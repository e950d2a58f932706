"""Shifts by the maximum of the whole array and sums without keepdims: a
row whose every exp underflows then divides another row's column by 0."""

# expect: the sums lost their axis

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(x - x.max())
    return e / e.sum(axis=-1)
