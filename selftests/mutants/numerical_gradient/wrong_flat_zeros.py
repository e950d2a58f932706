"""Keeps x in its shape and loops with np.ndindex, but stores the gradient
in a flat np.zeros(x.size): grad[i] with a pair of indices fails."""

# expect: the result is flat
# reject: covers 1-D x only
# blocks: 1

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, not {x.dtype}")
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
