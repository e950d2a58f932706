"""Loops over x.shape[0] and saves x[i], which for 2-D x is a view of the
row: the step down lands back on x, so each row gets a forward difference
of the whole row."""

# expect: x[i] with one index is a whole row
# blocks: 2

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError("x must be float")
    grad = np.zeros(x.shape)
    for i in range(x.shape[0]):
        tmp = x[i]
        x[i] = tmp + h
        f_plus = f(x)
        x[i] = tmp - h
        f_minus = f(x)
        x[i] = tmp
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad
