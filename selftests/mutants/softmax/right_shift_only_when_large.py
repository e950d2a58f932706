"""Shifts only when some score is above 700 in size, as exp needs: the
scores it leaves alone are safe to exp."""

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    if np.abs(x).max() > 700:
        x = x - x.max(axis=-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)
