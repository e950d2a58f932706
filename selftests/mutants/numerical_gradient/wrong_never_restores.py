"""Forgets to put each entry back after its two calls."""

# expect: was not put back
# reject: whole rows of x were moved

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, not {x.dtype}")
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        saved = x[i]
        x[i] = saved + h
        f_plus = f(x)
        x[i] = saved - h
        f_minus = f(x)
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad
