"""Correct: the textbook 1 / (1 + exp(-x)) with overflow silenced: exp(1000)
is inf and 1 / (1 + inf) is exactly the right 0."""

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-x))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)
