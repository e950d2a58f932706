"""Works in place on x itself, so the caller's array is overwritten."""

import numpy as np

# expect: changed its argument


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    negative = x < 0
    np.abs(x, out=x)
    np.negative(x, out=x)
    np.exp(x, out=x)
    return np.where(negative, x / (1 + x), 1 / (1 + x))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)
