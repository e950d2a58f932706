"""Moves each entry to x[i] + h and x[i] - h but puts x back only once, at
the end, from a copy: every later entry is differenced at a point where
the earlier ones are still h below where they were."""

# expect: an entry was left at x[i] - h

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, got {x.dtype}")
    original = x.copy()
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        x[i] = original[i] + h
        f_plus = f(x)
        x[i] = original[i] - h
        f_minus = f(x)
        grad[i] = (f_plus - f_minus) / (2 * h)
    x[...] = original
    return grad
