"""Special-cases a 0-d x with f(x + h) and f(x - h): new arrays, so f
reading x itself through a closure sees no step there."""

# expect: a 0-d x was not stepped in place

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, got {x.dtype}")
    if x.ndim == 0:
        # a single number: no loop needed
        return np.asarray((f(x + h) - f(x - h)) / (2 * h), dtype=np.float64)
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        saved = x[i]
        x[i] = saved + h
        f_plus = f(x)
        x[i] = saved - h
        f_minus = f(x)
        x[i] = saved
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad
