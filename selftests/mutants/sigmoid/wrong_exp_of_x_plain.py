"""Writes exp(x) / (1 + exp(x)), which overflows for large x."""

# expect: exp(x) overflows when x is very positive

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    # written as exp(x) / (1 + exp(x)): overflows for large positive x
    ex = np.exp(x)
    return ex / (1.0 + ex)


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)
