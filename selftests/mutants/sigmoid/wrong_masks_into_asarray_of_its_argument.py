"""Converts x with np.asarray, then fills it through boolean masks: a
float64 array comes back from np.asarray as it is, so the masks write
into the caller's array."""

# expect: So x = np.asarray(x, dtype=np.float64) left x holding the caller's array
# expect: x = np.array(x, dtype=np.float64)
# reject: np.clip and the like

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    pos = x >= 0
    x[pos] = 1 / (1 + np.exp(-x[pos]))
    e = np.exp(x[~pos])
    x[~pos] = e / (1 + e)
    return x


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)
