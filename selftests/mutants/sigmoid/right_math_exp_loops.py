"""One element at a time with math.exp, choosing the safe formula by sign."""

import math

import numpy as np


def _logistic(v):
    if v >= 0:
        return 1.0 / (1.0 + math.exp(-v))
    z = math.exp(v)
    return z / (1.0 + z)


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    out = np.empty(x.shape)
    for index in np.ndindex(x.shape):
        out[index] = _logistic(x[index])
    return out


def sigmoid_grad(x):
    x = np.asarray(x, dtype=float)
    out = np.empty(x.shape)
    for index in np.ndindex(x.shape):
        s = _logistic(x[index])
        out[index] = s * (1.0 - s)
    return out
