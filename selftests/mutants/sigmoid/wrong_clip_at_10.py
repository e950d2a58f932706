"""Avoids overflow by clipping x to [-10, 10]: sigmoid(20) comes out as 0.99995."""

# expect: x was clipped to a range

import numpy as np


def sigmoid(x):
    x = np.clip(np.asarray(x, dtype=np.float64), -10, 10)
    return 1.0 / (1.0 + np.exp(-x))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)
