"""A scalar function with math.exp on the safe branch, mapped by np.vectorize."""

import math

import numpy as np


def _scalar_sigmoid(v):
    if v >= 0:
        return 1.0 / (1.0 + math.exp(-v))
    e = math.exp(v)
    return e / (1.0 + e)


_vectorized = np.vectorize(_scalar_sigmoid, otypes=[np.float64])


def sigmoid(x):
    return _vectorized(np.asarray(x, dtype=np.float64))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s - s * s
