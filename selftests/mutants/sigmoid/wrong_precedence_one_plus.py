"""Writes 1.0 / 1.0 + exp(-x) without brackets."""

# expect: missing brackets: 1 / 1 + exp(-x)

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    z = np.clip(x, -500, 500)
    return 1.0 / 1.0 + np.exp(-z)


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)
