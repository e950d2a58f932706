"""Computes the sigmoid in np.longdouble and returns it so; only the
derivative is converted back to float64."""

# expect: wider than float64
# reject: keeps fewer digits

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.longdouble)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1, z) / (1 + z)


def sigmoid_grad(x):
    s = sigmoid(x)
    return (s * (1 - s)).astype(np.float64)
