"""Loops over range(len(x)) with x[i]: len() of a 0-d x fails, which has
no axis (not a row of it moved, as on a 2-D x)."""

# expect: x is 0-d here, of shape (), with no axis
# blocks: 2

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, not {x.dtype}")
    grad = np.zeros(x.shape)
    for i in range(len(x)):
        saved = x[i].copy()
        x[i] = saved + h
        plus = f(x)
        x[i] = saved - h
        minus = f(x)
        x[i] = saved
        grad[i] = (plus - minus) / (2 * h)
    return grad
