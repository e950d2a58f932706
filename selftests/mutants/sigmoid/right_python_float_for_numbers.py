"""Correct: a plain number gives a plain float; arrays go through masks."""

import math

import numpy as np


def sigmoid(x):
    if isinstance(x, (int, float)):
        if x >= 0:
            return 1.0 / (1.0 + math.exp(-x))
        z = math.exp(x)
        return z / (1.0 + z)
    x = np.asarray(x, dtype=np.float64)
    out = np.empty(x.shape)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    z = np.exp(x[~pos])
    out[~pos] = z / (1.0 + z)
    return out


def sigmoid_grad(x):
    s = np.asarray(sigmoid(x), dtype=np.float64)
    return s * (1.0 - s)
