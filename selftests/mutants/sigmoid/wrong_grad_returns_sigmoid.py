"""The slope is computed but s itself is returned."""

# expect: this is sigmoid(x) itself

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_grad(x):
    s = sigmoid(x)
    grad = s * (1.0 - s)
    return s
