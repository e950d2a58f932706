"""Ravels x first, so every result is 1-D."""

# expect: an axis was lost

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64).ravel()
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)
