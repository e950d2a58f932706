"""Writes s * 1 - s for s * (1 - s): without the brackets it is always 0."""

import numpy as np

# expect: missing brackets: s * 1 - s is (s * 1) - s
# first: missing brackets: s * 1 - s is (s * 1) - s
# reject: an extra factor x
# reject: instead of s = sigmoid(x)


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * 1 - s
