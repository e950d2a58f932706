"""exp(x - logaddexp(0, x)) for x < 0, the textbook form for x >= 0."""

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    neg = np.exp(np.minimum(x, 0) - np.logaddexp(0, np.minimum(x, 0)))
    pos = 1 / (1 + np.exp(-np.maximum(x, 0)))
    return np.where(x < 0, neg, pos)


def sigmoid_grad(x):
    s = sigmoid(x)
    return s - s * s
