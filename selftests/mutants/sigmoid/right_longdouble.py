"""Correct: works in long double, then returns float64."""

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.longdouble)
    z = np.exp(-np.abs(x))
    s = np.where(x >= 0, 1.0, z) / (1.0 + z)
    return s.astype(np.float64)


def sigmoid_grad(x):
    x = np.asarray(x, dtype=np.longdouble)
    z = np.exp(-np.abs(x))
    return (z / (1.0 + z) ** 2).astype(np.float64)
