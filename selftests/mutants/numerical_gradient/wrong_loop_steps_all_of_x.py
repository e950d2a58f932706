"""Loops over the entries, but steps the whole of x for each one: every
entry gets the slope of f with all of them moved together."""

# expect: every entry of x was moved at once
# reject: the division by 2 is missing
# reject: x was copied before the steps
# first: every entry of x was moved at once

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, not {x.dtype}")
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        grad[i] = (f(x + h) - f(x - h)) / (2 * h)
    return grad
