"""Divides by h * h, mixing the first and second derivative formulas."""

# expect: divided by 2 * h * h
# reject: the division by 2 is missing

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, got {x.dtype}")
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        saved = x[i]
        x[i] = saved + h
        fp = f(x)
        x[i] = saved - h
        fm = f(x)
        x[i] = saved
        grad[i] = (fp - fm) / (2 * h * h)
    return grad
