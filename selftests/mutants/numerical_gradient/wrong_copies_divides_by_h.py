"""Steps copies of x, one up and one down, and divides by h, not 2h."""

# expect: the division by 2 is missing
# reject: each entry must be back where it was

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError("x must be a float array")
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        up = x.copy()
        up[i] += h
        down = x.copy()
        down[i] -= h
        grad[i] = (f(up) - f(down)) / h
    return grad
