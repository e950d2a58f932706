"""Writes the derivative as s * (1 - x): x where s belongs."""

import numpy as np

# expect: s * (1 - x) mixes the two


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


def sigmoid_grad(x):
    x = np.asarray(x, dtype=float)
    return sigmoid(x) * (1 - x)
