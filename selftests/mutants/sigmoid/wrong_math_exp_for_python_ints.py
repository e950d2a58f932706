"""math.exp for a plain int, with the textbook formula; the stable form for
everything else: an int of -1000 overflows where -1000.0 does not."""

# expect: exp overflows for whole numbers far from 0 given as ints

import math

import numpy as np


def sigmoid(x):
    if isinstance(x, int):
        return 1 / (1 + math.exp(-x))
    x = np.asarray(x, dtype=np.float64)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)
