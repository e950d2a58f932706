"""Fills np.empty_like(x): for integer x every result is cut to 0 or 1."""

import numpy as np

# expect: kept x's integer type


def sigmoid(x):
    x = np.asarray(x)
    out = np.empty_like(x)
    positive = x >= 0
    z = np.exp(-np.abs(x))
    out[positive] = 1 / (1 + z[positive])
    out[~positive] = z[~positive] / (1 + z[~positive])
    return out


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)
