"""Divides by h and then by 2, and builds the result from a list."""

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, got {x.dtype}")
    values = []
    for i in np.ndindex(x.shape):
        saved = x[i]
        x[i] = saved + h
        fp = float(f(x))
        x[i] = saved - h
        fm = float(f(x))
        x[i] = saved
        values.append((fp - fm) / h / 2)
    return np.array(values, dtype=np.float64).reshape(x.shape)
