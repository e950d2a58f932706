"""Works in place on its own float64 copy of x, with out= arguments."""

import numpy as np


def sigmoid(x):
    x = np.array(x, dtype=np.float64)
    negative = x < 0
    z = np.empty_like(x)
    np.abs(x, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    out = np.where(negative, z, 1.0)
    np.divide(out, 1.0 + z, out=out)
    return out


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)
