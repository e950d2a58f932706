"""Correct: divides by the step as stored in x, x[i] + h minus x[i] - h,
instead of 2 * h."""

import itertools

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, got {x.dtype}")
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        saved = x[i]
        x[i] = saved + h
        hi = x[i]  # the step as stored
        up = f(x)
        x[i] = saved - h
        lo = x[i]
        down = f(x)
        x[i] = saved
        grad[i] = (up - down) / float(hi - lo)
    return grad
