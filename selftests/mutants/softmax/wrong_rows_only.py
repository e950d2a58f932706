"""Loops over the rows of x: a 1-D x becomes C one-number slices."""

import numpy as np

# expect: each number was treated as a slice of its own


def softmax(x):
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    for i in range(x.shape[0]):
        e = np.exp(x[i] - np.max(x[i]))
        out[i] = e / np.sum(e)
    return out
