"""sigmoid_grad works out 1 - s on what it was given: a list breaks it."""

# expect: a list where an array was meant

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, z) / (1.0 + z)


def sigmoid_grad(x):
    return sigmoid(x) * sigmoid(-x)
