"""Normalizes along axis 1 (right for 2-D) instead of the last axis: wrong for 3-D."""

# expect: normalized along axis 1

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    axis = 0 if x.ndim == 1 else 1
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
