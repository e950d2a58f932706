"""np.atleast_1d on the input: a single number gives shape (1,)."""

import numpy as np


def sigmoid(x):
    x = np.atleast_1d(np.asarray(x, dtype=np.float64))
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, z) / (1.0 + z)


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)
