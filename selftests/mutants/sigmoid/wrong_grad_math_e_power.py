"""sigmoid_grad raises math.e to -x, x as it comes: a list fails, float32
stays float32, uint8's -x wraps around, and the power overflows."""

# expect: it never converts x with np.asarray
# expect: It needs none: s = sigmoid(x)
# blocks: 2

import math

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, z) / (1.0 + z)


def sigmoid_grad(x):
    s = 1 / (1 + math.e**-x)
    return s * (1 - s)
