"""Writes exp(x) where the formula has exp(-x), which mirrors the curve."""

import numpy as np

# expect: the sign in the exponent


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, z / (1 + z), 1 / (1 + z))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)
