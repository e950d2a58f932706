"""Loops over len(x), which fails for a number and skips inner axes."""

import math

import numpy as np

# expect: a single number (a 0-d array) has no length


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    out = []
    for i in range(len(x)):
        if x[i] >= 0:
            out.append(1 / (1 + math.exp(-x[i])))
        else:
            out.append(math.exp(x[i]) / (1 + math.exp(x[i])))
    return np.array(out)


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)
