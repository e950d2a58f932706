"""Allocates the result with np.zeros_like(x): int input gives an int
(truncated) result.
"""

# expect: kept x's integer type

import numpy as np


def sigmoid(x):
    x = np.asarray(x)
    out = np.zeros_like(x)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    e = np.exp(x[~pos])
    out[~pos] = e / (1.0 + e)
    return out


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)
