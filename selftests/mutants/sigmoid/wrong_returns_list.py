"""Builds the result with a list comprehension and returns the list."""

# expect: must return a NumPy array, not a list

import math

import numpy as np


def _one(v):
    if v >= 0:
        return 1.0 / (1.0 + math.exp(-v))
    z = math.exp(v)
    return z / (1.0 + z)


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim == 0:
        return _one(float(x))
    return np.vectorize(_one, otypes=[np.float64])(x).tolist()


def sigmoid_grad(x):
    s = np.asarray(sigmoid(x))
    return (s * (1.0 - s)).tolist() if s.ndim else s * (1.0 - s)
