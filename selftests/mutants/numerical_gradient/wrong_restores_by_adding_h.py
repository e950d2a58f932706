"""Puts x back by += h / -= 2 * h / += h: off in the last bits of an
entry, or its value lost where it is far smaller than h (1e-89 comes back
as 0.0). The likely mistake says both."""

# expect: x was put back by adding and subtracting h
# expect: lost entirely where x[i] is far smaller than h

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if np.issubdtype(x.dtype, np.integer):
        raise TypeError(f"x must be a float array, not {x.dtype}")
    grad = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        x[idx] += h
        fp = f(x)
        x[idx] -= 2 * h
        fm = f(x)
        x[idx] += h
        grad[idx] = (fp - fm) / (2 * h)
    return grad
