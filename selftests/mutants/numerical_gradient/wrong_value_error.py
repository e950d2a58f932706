"""Raises ValueError, not TypeError, for an int array."""

# expect: must raise TypeError

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if x.dtype.kind in "iu":
        raise ValueError("x must be a float array")
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        saved = x[i]
        x[i] = saved + h
        f_plus = f(x)
        x[i] = saved - h
        f_minus = f(x)
        x[i] = saved
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad
