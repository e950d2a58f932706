"""Multiplies the derivative by x, as if the chain rule's inner factor were x."""

import numpy as np

# expect: an extra factor x
# first: an extra factor x


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s) * x
