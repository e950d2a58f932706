"""sigmoid_grad returns s * s instead of s * (1 - s)."""

# expect: the factor (1 - s) is missing

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    # exp of a non-positive number never overflows.
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * s
