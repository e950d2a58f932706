"""Writes the derivative as s * (1 - x), with x left in its own type: for
a uint8 x, 1 - 200 wraps around to 57, and that wrong value must be put
down to the same formula."""

# expect: s * (1 - x) mixes the two

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


def sigmoid_grad(x):
    x = np.asarray(x)
    s = sigmoid(x)
    return s * (1 - x)
