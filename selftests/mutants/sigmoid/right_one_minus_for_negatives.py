"""Takes 1 - sigmoid(-x) for negative x: the subtraction loses the relative
precision of tiny results, but not the absolute 1e-14 the docstring asks."""

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(over="ignore"):
        s = 1 / (1 + np.exp(np.minimum(-x, 700)))
    return np.where(x < 0, 1 - 1 / (1 + np.exp(np.minimum(x, 700))), s)


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)
