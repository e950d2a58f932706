"""Clips x to [-25, 25] before the textbook formula."""

# expect: clipped to a range too narrow

import numpy as np


def sigmoid(x):
    x = np.clip(np.asarray(x, dtype=np.float64), -25.0, 25.0)
    return 1.0 / (1.0 + np.exp(-x))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)
