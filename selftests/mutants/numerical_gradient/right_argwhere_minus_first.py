"""Indices from np.argwhere; steps down first, then up."""

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if x.dtype.kind in "iu":
        raise TypeError("numerical_gradient needs a float x, got " + str(x.dtype))
    grad = np.zeros_like(x, dtype=np.float64)
    for idx in map(tuple, np.argwhere(np.ones(x.shape, dtype=bool))):
        keep = x[idx]
        x[idx] = keep - h
        low = f(x)
        x[idx] = keep + h
        high = f(x)
        x[idx] = keep
        grad[idx] = 0.5 * (high - low) / h
    return grad
