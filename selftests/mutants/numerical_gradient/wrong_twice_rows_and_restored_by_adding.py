"""Two mistakes at once: a loop over the rows only (x[i] += h moves a
whole row of a 2-D x, and a 0-d x has no row), and x put back by adding h
and subtracting it."""

# expect: x is 0-d here, of shape (), with no axis
# also: x[i] with one index is a whole row
# expect: x was put back by adding and subtracting h

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError("x must be float")
    grad = np.zeros(x.shape)
    for i in range(x.shape[0]):
        x[i] += h
        f_plus = f(x)
        x[i] -= 2 * h
        f_minus = f(x)
        x[i] += h
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad
