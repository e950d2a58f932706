"""sigmoid_grad as s(x) * s(-x), negating x before converting it: for uint8,
-x wraps around (-1 is 255), so sigmoid_grad(1) is s(1) * s(255)."""

# expect: wraps around (-1 is 255 in uint8)

import numpy as np


def sigmoid(x):
    return 0.5 * (1.0 + np.tanh(np.asarray(x, dtype=np.float64) / 2.0))


def sigmoid_grad(x):
    # The derivative is symmetric: s(x) * (1 - s(x)) = s(x) * s(-x).
    x = np.asarray(x)
    return sigmoid(x) * sigmoid(-x)
