"""math.exp per element, with a branch on the sign."""

import numpy as np


import math


def _one(v):
    if v >= 0:
        return 1.0 / (1.0 + math.exp(-v))
    e = math.exp(v)
    return e / (1.0 + e)


def sigmoid(x):
    arr = np.asarray(x, dtype=np.float64)
    flat = [_one(float(v)) for v in arr.ravel()]
    return np.array(flat, dtype=np.float64).reshape(arr.shape)


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * sigmoid(-np.asarray(x, dtype=np.float64))
