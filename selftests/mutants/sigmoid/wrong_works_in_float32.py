"""Converts x to float32 to save memory and returns the result as float64: only about 7 digits are right."""

# expect: worked out in float32

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float32)
    with np.errstate(over="ignore"):
        s = 1.0 / (1.0 + np.exp(-x))
    return s.astype(np.float64)


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)
