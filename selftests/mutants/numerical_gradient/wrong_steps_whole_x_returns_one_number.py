"""Steps the whole of x at once and returns the one slope that gives."""

# expect: x was stepped all at once (f(x + h)), not one entry at a time
# reject: every axis was reduced to one number

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, not {x.dtype}")
    return (f(x + h) - f(x - h)) / (2 * h)
