"""Computes in np.longdouble for extra digits, then returns float64."""

import numpy as np


def softmax(x):
    wide = np.asarray(x, dtype=np.longdouble)
    e = np.exp(wide - wide.max(axis=-1, keepdims=True))
    return (e / e.sum(axis=-1, keepdims=True)).astype(np.float64)
