"""Uses exp(-|x|) for every x, so sigmoid(-x) comes out as sigmoid(x)."""

# expect: exp(-|x|) was used for every x

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    # exp of a negative number never overflows
    return 1.0 / (1.0 + np.exp(-np.abs(x)))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)
