"""Flattens x first, x = x.ravel(), then loops with np.ndindex over the flat
x: f is handed a flat x, and the gradient comes back flat."""

# expect: x was flattened
# reject: covers 1-D x only
# reject: an axis was lost
# blocks: 1

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, not {x.dtype}")
    x = x.ravel()
    grad = np.zeros(x.size)
    for i in np.ndindex(x.shape):
        saved = x[i]
        x[i] = saved + h
        f_plus = f(x)
        x[i] = saved - h
        f_minus = f(x)
        x[i] = saved
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad
