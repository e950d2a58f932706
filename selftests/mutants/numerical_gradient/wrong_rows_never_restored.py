"""Steps whole rows (range(len(x))) and never puts them back."""

import numpy as np

# expect: whole rows of x were moved and not put back


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, not {x.dtype}")
    grad = np.zeros(x.shape)
    for i in range(len(x)):
        saved = x[i].copy()
        x[i] = saved + h
        f_plus = f(x)
        x[i] = saved - h
        f_minus = f(x)
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad
