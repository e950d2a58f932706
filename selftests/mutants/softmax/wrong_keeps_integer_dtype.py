"""Fills np.zeros_like(x), which for integer scores truncates to 0 and 1."""

import numpy as np

# expect: kept x's integer type


def softmax(x):
    x = np.asarray(x)
    out = np.zeros_like(x)
    for index in np.ndindex(x.shape[:-1]):
        e = np.exp(x[index] - x[index].max())
        out[index] = e / e.sum()
    return out
