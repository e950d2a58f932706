"""Correct: x.flat[k] for k in range(x.size), which follows reading order
whatever the memory order; the gradient filled the same way."""

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if np.issubdtype(x.dtype, np.integer) or x.dtype == bool:
        raise TypeError("integer x: the step would be rounded away")
    grad = np.zeros(x.shape)
    for k in range(x.size):
        old = x.flat[k]
        x.flat[k] = old + h
        a = f(x)
        x.flat[k] = old - h
        b = f(x)
        x.flat[k] = old
        grad.flat[k] = (a - b) / (h + h)
    return grad
