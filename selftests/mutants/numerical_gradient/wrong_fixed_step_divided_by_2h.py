"""Moves x[i] by 1e-4 whatever h is, but divides by 2 * h."""

# expect: x[i] was moved by 1e-4, not by h
# reject: h was not used

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, not {x.dtype}")
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        saved = x[i]
        x[i] = saved + 1e-4
        f_plus = f(x)
        x[i] = saved - 1e-4
        f_minus = f(x)
        x[i] = saved
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad
