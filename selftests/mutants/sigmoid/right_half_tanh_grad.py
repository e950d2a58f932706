"""tanh form, and the gradient as (1 - tanh(x/2)**2) / 4."""

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    return 0.5 + 0.5 * np.tanh(0.5 * x)


def sigmoid_grad(x):
    x = np.asarray(x, dtype=np.float64)
    return (1.0 - np.tanh(0.5 * x) ** 2) / 4.0
