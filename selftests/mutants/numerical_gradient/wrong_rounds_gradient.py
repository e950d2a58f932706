"""Rounds each entry of the gradient to 6 decimals."""

# expect: The gradient was rounded to 6 decimals

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if np.issubdtype(x.dtype, np.integer):
        raise TypeError("x must be a float array")
    grad = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + h
        fp = float(f(x))
        x[idx] = old - h
        fm = float(f(x))
        x[idx] = old
        grad[idx] = round((fp - fm) / (2 * h), 6)
    return grad
