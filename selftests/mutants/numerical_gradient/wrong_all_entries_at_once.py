"""Moves every entry of x at once instead of one at a time."""

# expect: every entry of x was moved at once

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, not {x.dtype}")
    slope = (f(x + h) - f(x - h)) / (2 * h)
    return np.full(x.shape, slope, dtype=np.float64)
