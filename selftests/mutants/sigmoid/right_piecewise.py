"""np.piecewise with one function for each sign of x."""

import numpy as np


def _positive(v):
    return 1 / (1 + np.exp(-v))


def _negative(v):
    e = np.exp(v)
    return e / (1 + e)


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    return np.piecewise(x, [x >= 0, x < 0], [_positive, _negative])


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)
