"""Puts x back by adding and subtracting h, off in the last bit."""

# expect: adding and subtracting h

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, not {x.dtype}")
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        x[i] += h
        f_plus = f(x)
        x[i] -= 2 * h
        f_minus = f(x)
        x[i] += h
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad
