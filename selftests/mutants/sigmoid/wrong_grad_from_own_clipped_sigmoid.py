"""sigmoid is right; sigmoid_grad computes its own s with x clipped to
[-20, 20], so far from 0 the slope is off."""

# expect: x was clipped to +-20 before the slope was taken

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, z) / (1.0 + z)


def sigmoid_grad(x):
    x = np.clip(np.asarray(x, dtype=np.float64), -20.0, 20.0)
    s = 1.0 / (1.0 + np.exp(-x))
    return s * (1.0 - s)
