"""exp(x) / (1 + exp(x)): overflows, and gives nan, for large positive x."""

# expect: exp(x) overflows when x is very positive

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(x)
    return e / (1 + e)


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)
