"""Writes the derivative as s * (s - 1): the right size, the wrong sign."""

import numpy as np

# expect: the sign is flipped


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (s - 1)
