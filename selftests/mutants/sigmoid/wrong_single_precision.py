"""Computes in float32, which keeps only about seven digits."""

import numpy as np

# expect: float32 keeps fewer digits


def sigmoid(x):
    x = np.asarray(x, dtype=np.float32)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)
