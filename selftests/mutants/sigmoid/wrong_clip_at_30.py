"""Clips x to [-30, 30]: sigmoid(-40) is 9e-14 instead of 4e-18, sigmoid(40) is
1 - 9e-14.
"""

# expect: x was clipped to a range

import numpy as np


def sigmoid(x):
    x = np.clip(np.asarray(x, dtype=np.float64), -30, 30)
    return 1.0 / (1.0 + np.exp(-x))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)
