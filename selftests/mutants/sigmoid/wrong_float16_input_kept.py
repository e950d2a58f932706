"""Converts only integer input to float64: a float16 or float32 x keeps its
own precision."""

# expect: keeps fewer digits

import numpy as np


def sigmoid(x):
    x = np.asarray(x)
    if x.dtype.kind in "biu":
        x = x.astype(np.float64)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, z) / (1.0 + z)


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)
