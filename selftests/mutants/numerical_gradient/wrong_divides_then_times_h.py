"""Writes the central difference as (f_plus - f_minus) / 2 * h, which
Python reads as ((f_plus - f_minus) / 2) * h."""

# expect: halved and then multiplied by h

import itertools

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
        grad[i] = np.subtract(fp, fm) / 2 * h
    return grad
