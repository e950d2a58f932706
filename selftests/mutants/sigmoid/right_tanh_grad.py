"""sigmoid(x) = (1 + tanh(x / 2)) / 2: tanh never overflows."""

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def sigmoid_grad(x):
    # 1 - tanh^2 over 4: no subtraction of two nearly equal sigmoids.
    t = np.tanh(0.5 * np.asarray(x, dtype=np.float64))
    return 0.25 * (1.0 - t * t)
