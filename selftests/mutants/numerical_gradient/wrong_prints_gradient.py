"""Prints the gradient instead of returning it."""

# expect: Write return grad in place of the print.

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if np.issubdtype(x.dtype, np.integer):
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
    print(grad)
