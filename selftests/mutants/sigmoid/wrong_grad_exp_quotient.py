"""The slope as e / (1 + e)**2 with e = exp(x): overflows for large x."""

# expect: It needs none: s = sigmoid(x)
# reject: Use z = exp(-|x|)

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


def sigmoid_grad(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(x)
    return e / (1 + e) ** 2
