"""Uses the stable form for arrays, but the textbook 1 / (1 + exp(-x)) for
a single number, where exp(1000) overflows."""

# expect: exp overflows for a single number far from 0
# blocks: 1

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim == 0:
        return 1 / (1 + np.exp(-x))
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, z) / (1.0 + z)


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)
