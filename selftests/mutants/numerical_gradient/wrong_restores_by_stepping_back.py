"""Steps x[i] to x[i] + h, then to x[i] - h, then back by adding h: the
additions round, so x comes back off in its last bits. Shown with every
digit, x is too long for one line: its rows go a line each."""

# expect: adding and subtracting h
# expect: actual    x = [[0.19999999999999998, -7.300000000000001, 2.5000000000000004],
# reject: 2.5000000000000004], [3.7000000000000006

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, not {x.dtype}")
    grad = np.empty(x.shape)
    for i in np.ndindex(x.shape):
        x[i] = x[i] + h
        f_plus = f(x)
        x[i] = x[i] - 2 * h
        f_minus = f(x)
        x[i] = x[i] + h
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad
