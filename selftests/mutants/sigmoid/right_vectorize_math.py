"""np.vectorize of a scalar sigmoid written with math.exp."""

import math

import numpy as np


def _one(v):
    if v >= 0:
        return 1.0 / (1.0 + math.exp(-v))
    e = math.exp(v)
    return e / (1.0 + e)


_many = np.vectorize(_one, otypes=[np.float64])


def sigmoid(x):
    return _many(np.asarray(x, dtype=np.float64))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)
