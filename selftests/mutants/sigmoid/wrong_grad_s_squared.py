"""The gradient as s * s: the minus sign of s - s**2 lost."""

# expect: the factor (1 - s) is missing

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, z) / (1.0 + z)


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * s
