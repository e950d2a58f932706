"""Loops with math.exp(-x), which raises OverflowError for very negative x."""

import math

import numpy as np

# expect: math.exp raises OverflowError


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    out = np.zeros(x.shape)
    for index in np.ndindex(x.shape):
        out[index] = 1 / (1 + math.exp(-x[index]))
    return out


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)
