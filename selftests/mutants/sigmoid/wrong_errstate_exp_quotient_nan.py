"""Silences the overflow of exp(x) / (1 + exp(x)): inf / inf is nan."""

# expect: an overflow in exp

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(x)
        return e / (1 + e)


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)
