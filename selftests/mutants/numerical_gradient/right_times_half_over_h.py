"""Multiplies the difference by 0.5 / h, worked out once."""

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, got {x.dtype}")
    scale = 0.5 / h
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        saved = x[i]
        x[i] = saved - h
        fm = f(x)
        x[i] = saved + h
        fp = f(x)
        x[i] = saved
        grad[i] = (fp - fm) * scale
    return grad
