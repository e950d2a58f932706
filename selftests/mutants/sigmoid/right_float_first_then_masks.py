"""Converts x to float64 first, whatever it is, then computes each sign's
half under a mask: ints far from 0 take the stable way floats take."""

import numpy as np


def sigmoid(x):
    x = np.array(x, dtype=np.float64)
    out = np.empty_like(x)
    positive = x >= 0
    out[positive] = 1 / (1 + np.exp(-x[positive]))
    e = np.exp(x[~positive])
    out[~positive] = e / (1 + e)
    return out


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)
