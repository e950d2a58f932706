"""Uses s(x) = (1 + tanh(x / 2)) / 2; tanh saturates instead of overflowing."""

import numpy as np


def sigmoid(x):
    return 0.5 * (1.0 + np.tanh(np.asarray(x, dtype=np.float64) / 2.0))


def sigmoid_grad(x):
    # The derivative is symmetric: s(x) * (1 - s(x)) = s(x) * s(-x).
    x = np.asarray(x, dtype=np.float64)
    return sigmoid(x) * sigmoid(-x)
