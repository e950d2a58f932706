"""Moves whole rows of a copy of x (range(len(x))), with forward differences
and a result of x's dtype."""

# expect: x[i] with one index is a whole row
# reject: an entry was left at x[i] - h

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError("x must be a float array")
    grad = np.zeros_like(x)
    for i in range(len(x)):
        moved = x.copy()
        moved[i] = x[i] + h
        grad[i] = (f(moved) - f(x)) / h
    return grad
