"""Correct: multiplies by the reciprocal of the sum, and works in
np.longdouble before coming back to float64."""

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.longdouble)
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return (e * (1 / e.sum(axis=-1, keepdims=True))).astype(np.float64)
