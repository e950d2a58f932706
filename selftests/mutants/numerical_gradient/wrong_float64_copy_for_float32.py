"""Converts x with np.asarray(x, dtype=np.float64) first: a float32 x is
copied, so f reading x through a closure never sees the steps."""

# expect: the steps went into a copy of x

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(np.asarray(x).dtype, np.floating):
        raise TypeError(f"x must be a float array, got {x.dtype}")
    x = np.asarray(x, dtype=np.float64)
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
