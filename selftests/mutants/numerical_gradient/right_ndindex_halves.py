"""np.ndindex loop; divides each one-sided difference by h and averages (a
different rounding).
"""

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if np.issubdtype(x.dtype, np.integer):
        raise TypeError(f"x must have a float dtype, got {x.dtype}")

    grad = np.zeros(x.shape)
    for idx in np.ndindex(*x.shape):
        keep = x[idx]
        x[idx] = keep + h
        f_up = float(f(x))
        x[idx] = keep - h
        f_down = float(f(x))
        x[idx] = keep
        grad[idx] = 0.5 * (f_up / h - f_down / h)
    return grad
