"""Two nested loops, over x.shape[0] and x.shape[1]: right for 2-D x only."""

# expect: one loop per axis
# blocks: 1

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError("x must be float")
    grad = np.zeros(x.shape)
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            saved = x[i, j]
            x[i, j] = saved + h
            f_plus = f(x)
            x[i, j] = saved - h
            f_minus = f(x)
            x[i, j] = saved
            grad[i, j] = (f_plus - f_minus) / (2 * h)
    return grad
