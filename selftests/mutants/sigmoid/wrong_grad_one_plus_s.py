"""Writes the derivative as s * (1 + s): a plus where the minus belongs."""

import numpy as np

# expect: s * (1 + s) instead of s * (1 - s)
# first: s * (1 + s) instead of s * (1 - s)
# reject: an overflow


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, z) / (1.0 + z)


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 + s)
