"""sigmoid_grad calls itself where it means sigmoid."""

# expect: sigmoid_grad calls itself on the line shown
# expect: call sigmoid there, not sigmoid_grad

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, z) / (1.0 + z)


def sigmoid_grad(x):
    s = sigmoid_grad(x)
    return s * (1.0 - s)
