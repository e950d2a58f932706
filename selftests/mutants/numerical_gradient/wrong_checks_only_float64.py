"""Rejects every dtype but float64, float32 included."""

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if x.dtype != np.float64:
        raise TypeError(f"x must be float64, got {x.dtype}")
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        saved = x[i]
        x[i] = saved + h
        fp = f(x)
        x[i] = saved - h
        fm = f(x)
        x[i] = saved
        grad[i] = (fp - fm) / (2 * h)
    return grad
