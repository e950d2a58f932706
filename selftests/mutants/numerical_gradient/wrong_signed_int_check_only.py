"""Refuses only signed ints: an unsigned or boolean x is stepped and
truncated silently."""

# expect: an int64 x is refused, but not this uint8 one

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if np.issubdtype(x.dtype, np.signedinteger):
        raise TypeError(f"x must be a float array, got {x.dtype}")
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
