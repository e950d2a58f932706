"""Loops over len(x): for 2-D x it moves whole rows at once."""

# expect: x[i] with one index is a whole row
# blocks: 2

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, not {x.dtype}")
    grad = np.zeros(x.shape)
    for i in range(len(x)):
        saved = x[i].copy()
        x[i] = saved + h
        f_plus = f(x)
        x[i] = saved - h
        f_minus = f(x)
        x[i] = saved
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad
