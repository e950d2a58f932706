"""Divides by e.sum(axis=-1) without keepdims: wrong on square batches,
refused by NumPy on others."""

import numpy as np

# expect: the sums lost their axis
# expect: the shapes do not broadcast at all. Divide by e.sum(axis=-1


def softmax(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1)
