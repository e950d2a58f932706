"""The slope as 1 - s**2, the tanh's form, not s * (1 - s)."""

# expect: 1 - s**2 is not the derivative of the sigmoid

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + z), z / (1.0 + z))


def sigmoid_grad(x):
    s = sigmoid(x)
    return 1.0 - s**2
