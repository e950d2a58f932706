"""Subtracts np.max(x, axis=-1) without keepdims: a square batch loses a
different maximum per column, any other batch does not broadcast."""

import numpy as np

# expect: the shapes do not broadcast at all. Pass keepdims=True to the max
# expect: row j's maximum is subtracted from column j


def softmax(x):
    x = np.asarray(x, dtype=float)
    shifted = x - np.max(x, axis=-1)
    e = np.exp(shifted)
    return e / np.sum(e, axis=-1, keepdims=True)
