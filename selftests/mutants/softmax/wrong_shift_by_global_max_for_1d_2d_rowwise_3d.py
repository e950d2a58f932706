"""Shifts a vector and a batch of rows by each row's maximum, but x of
three axes or more by the maximum of the whole array."""

# expect: the maximum of the whole array (x.max()) was subtracted
# reject: the maximum was taken along axis 1

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim <= 2:
        m = x.max(axis=-1, keepdims=True)
    else:
        m = x.max()
    e = np.exp(x - m)
    return e / e.sum(axis=-1, keepdims=True)
