"""Uses exp(-x) / (1 + exp(-x))**2 for the derivative, which overflows."""

import numpy as np

# expect: It needs none: s = sigmoid(x)


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


def sigmoid_grad(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(-x)
    return e / (1 + e) ** 2
