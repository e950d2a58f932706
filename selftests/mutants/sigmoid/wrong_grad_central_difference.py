"""Estimates the slope by central differences with h = 1e-5: off by about
1e-12, where the derivative itself is asked for."""

# expect: a numerical slope, close but not exact
# blocks: 1

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_grad(x):
    x = np.asarray(x, dtype=np.float64)
    h = 1e-5
    return (sigmoid(x + h) - sigmoid(x - h)) / (2 * h)
