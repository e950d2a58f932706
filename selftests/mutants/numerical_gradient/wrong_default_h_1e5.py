"""Gives h the default 1e-5, not the documented 1e-4: right for every h
passed in, off by the step when called without one."""

# expect: the default h is not 1e-4

import numpy as np


def numerical_gradient(f, x, h=1e-5):
    if np.issubdtype(x.dtype, np.integer):
        raise TypeError("x must be a float array")
    grad = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + h
        fp = float(f(x))
        x[idx] = old - h
        fm = float(f(x))
        x[idx] = old
        grad[idx] = (fp - fm) / (2 * h)
    return grad
