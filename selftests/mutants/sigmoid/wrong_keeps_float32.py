"""Keeps the input's float dtype: float32 input gives a float32 result."""

# expect: the result is float32

import numpy as np


def sigmoid(x):
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e)).astype(x.dtype)


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)
