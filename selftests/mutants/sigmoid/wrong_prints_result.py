"""Prints the sigmoid instead of returning it."""

# expect: sigmoid prints its result instead of returning it

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(-np.abs(x))
    print(np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e)))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)
