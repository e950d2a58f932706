"""Clips the result to [1e-7, 1 - 1e-7], a habit from cross-entropy."""

# expect: the result was clipped
# reject: x was clipped

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    z = np.exp(-np.abs(x))
    s = np.where(x >= 0, 1.0, z) / (1.0 + z)
    return np.clip(s, 1e-7, 1 - 1e-7)


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)
