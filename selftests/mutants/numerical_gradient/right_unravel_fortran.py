"""Counts i over x.size and unravels it in Fortran order."""

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, got {x.dtype}")
    grad = np.zeros_like(x, dtype=np.float64)
    for n in range(x.size):
        i = np.unravel_index(n, x.shape, order="F")
        saved = x[i]
        x[i] += h
        fp = f(x)
        x[i] = saved - h
        fm = f(x)
        x[i] = saved
        grad[i] = (fp - fm) / (2 * h)
    return grad
