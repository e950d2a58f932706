"""sigmoid(x) = exp(-log(1 + exp(-x))) through np.logaddexp, which is overflow-safe."""

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    return np.exp(-np.logaddexp(0.0, -x))


def sigmoid_grad(x):
    x = np.asarray(x, dtype=np.float64)
    # s(x) * s(-x) = s(x) * (1 - s(x)), accurate in both tails.
    return sigmoid(x) * sigmoid(-x)
