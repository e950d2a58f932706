"""sigmoid_grad converts x with np.array(x, dtype=float), not np.asarray,
and builds the slope from z = exp(-|x|)."""

import numpy as np


def sigmoid(x):
    x = np.array(x, dtype=float)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, z) / (1.0 + z)


def sigmoid_grad(x):
    x = np.array(x, dtype=float)
    z = np.exp(-np.abs(x))
    return z / (1.0 + z) ** 2
