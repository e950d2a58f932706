"""Picks a stable branch with np.where, which still evaluates both of them."""

import numpy as np

# expect: np.where(x >= 0, a, b) works out both a and b


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)
