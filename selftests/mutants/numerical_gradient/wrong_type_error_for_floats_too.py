"""Raises TypeError for every dtype but float64, float32 too."""

# expect: the type check refuses a float x
# blocks: 1

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if x.dtype != np.float64:
        raise TypeError(f"x must be a float array, not {x.dtype}")
    grad = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + h
        fp = f(x)
        x[idx] = old - h
        fm = f(x)
        x[idx] = old
        grad[idx] = (fp - fm) / (2 * h)
    return grad
