"""Masks x > 0 and x < 0: x == 0 is in neither and stays 0."""

# expect: x == 0 is in neither mask
# reject: the sign in the exponent

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    out = np.zeros(x.shape)
    pos = x > 0
    neg = x < 0
    out[pos] = 1 / (1 + np.exp(-x[pos]))
    e = np.exp(x[neg])
    out[neg] = e / (1 + e)
    return out


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)
