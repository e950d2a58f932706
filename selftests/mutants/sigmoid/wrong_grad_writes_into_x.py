"""The slope writes sigmoid(x) into the array np.asarray gave back."""

# expect: x itself was changed

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_grad(x):
    x = np.asarray(x, dtype=np.float64)
    x[...] = sigmoid(x)
    return x * (1.0 - x)
