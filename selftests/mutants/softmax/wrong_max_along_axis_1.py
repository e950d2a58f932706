"""Takes the maximum along axis 1, the last axis of a 2-D x only."""

# expect: the maximum was taken along axis 1

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    axis = 0 if x.ndim == 1 else 1
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
