"""The textbook formula as it stands: exp(-x) overflows for x below -709."""

import numpy as np

# expect: exp(-x) overflows when x is very negative


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    return 1 / (1 + np.exp(-x))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)
