"""Writes the slope as sigmoid(x) * sigmoid(1 - x): 1 - x is not 1 - s."""

# expect: sigmoid(1 - x) where 1 - s belongs
# reject: the derivative is s * (1 - s) with s = sigmoid(x).

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, z) / (1.0 + z)


def sigmoid_grad(x):
    return sigmoid(x) * sigmoid(1 - x)
