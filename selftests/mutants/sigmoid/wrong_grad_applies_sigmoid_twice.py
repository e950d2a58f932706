"""Passes sigmoid(x) to a helper that takes the sigmoid again."""

import numpy as np

# expect: the sigmoid was applied twice


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


def _derivative(s):
    s = sigmoid(s)
    return s * (1 - s)


def sigmoid_grad(x):
    return _derivative(sigmoid(x))
