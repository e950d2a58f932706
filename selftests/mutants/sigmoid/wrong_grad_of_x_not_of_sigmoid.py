"""Writes the derivative as x * (1 - x), skipping the sigmoid."""

import numpy as np

# expect: applied to x instead of s = sigmoid(x)


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


def sigmoid_grad(x):
    x = np.asarray(x, dtype=float)
    return x * (1 - x)
