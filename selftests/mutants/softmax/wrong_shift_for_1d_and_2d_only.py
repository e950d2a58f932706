"""Shifts a vector and a batch of rows by their maxima, but leaves x of
three axes or more unshifted."""

# expect: the shift was written for 1-D and 2-D x only
# reject: Pass keepdims=True

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim == 1:
        x = x - np.max(x)
    elif x.ndim == 2:
        x = x - np.max(x, axis=1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)
