"""Fills one output array twice with np.divide(..., out=, where=)."""

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(-np.abs(x))
    out = np.empty_like(x)
    np.divide(e, 1.0 + e, out=out)
    # overwrite the entries for x >= 0 with the other, equal, form
    np.divide(1.0, 1.0 + e, out=out, where=x >= 0)
    return out


def sigmoid_grad(x):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(-np.abs(x))
    return e / (1.0 + e) ** 2
