"""Converts only lists: an int array keeps its dtype into the where."""

# expect: worked on in its own small int type

import numpy as np


def sigmoid(x):
    if isinstance(x, list):
        x = np.array(x, dtype=float)
    x = np.asarray(x)
    out = np.zeros_like(x, dtype=float)
    pos = x >= 0
    out[pos] = 1 / (1 + np.exp(-x[pos]))
    out[~pos] = np.exp(x[~pos]) / (1 + np.exp(x[~pos]))
    return out


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)
