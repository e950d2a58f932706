"""1 - s(x) is s(-x): the gradient as s(x) * s(-x)."""

import numpy as np


def sigmoid(x):
    x = np.array(x, dtype=float)
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    e = np.exp(x[~pos])
    out[~pos] = e / (1.0 + e)
    return out


def sigmoid_grad(x):
    x = np.asarray(x, dtype=float)
    return sigmoid(x) * sigmoid(-x)
