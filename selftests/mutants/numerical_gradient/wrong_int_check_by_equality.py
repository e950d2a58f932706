"""Refuses x.dtype == int only: int32 and uint8 get through."""

# expect: an int64 x is refused, but not this uint8 one

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if x.dtype == int:
        raise TypeError("x must be a float array")
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
