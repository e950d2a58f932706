"""The slope as 1 - s ** 2 (the tanh rule) instead of s * (1 - s)."""

# expect: 1 - s**2 is not the derivative

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_grad(x):
    s = sigmoid(x)
    return 1.0 - s**2
