"""Correct: both branches of np.where are computed, but overflow is silenced
inside the function and the overflowing branch is never chosen."""

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        pos = 1.0 / (1.0 + np.exp(-x))
        e = np.exp(x)
        neg = e / (1.0 + e)
    return np.where(x >= 0, pos, neg)


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)
