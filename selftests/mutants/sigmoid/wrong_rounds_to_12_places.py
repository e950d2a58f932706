"""Rounds to 12 places: every value is off by up to 5e-13, which reads
back as some limit of a clip, though nothing was clipped."""

# reject: x was clipped

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(over="ignore"):
        return np.round(1 / (1 + np.exp(-x)), 12)


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)
