"""Central differences with h = 1e-4 of a sigmoid written out again inside
sigmoid_grad, not called: off by about 2e-10."""

# expect: a numerical slope, close but not exact
# blocks: 1

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, z) / (1.0 + z)


def sigmoid_grad(x):
    x = np.asarray(x, dtype=np.float64)
    h = 1e-4

    def f(v):
        z = np.exp(-np.abs(v))
        return np.where(v >= 0, 1.0, z) / (1.0 + z)

    return (f(x + h) - f(x - h)) / (2 * h)
