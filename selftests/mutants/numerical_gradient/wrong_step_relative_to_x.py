"""Scales the step with the entry, h * max(1, |x[i]|), but still divides
by 2h."""

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, got {x.dtype}")
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        saved = x[i]
        step = h * max(1.0, abs(float(saved)))
        x[i] = saved + step
        f_plus = f(x)
        x[i] = saved - step
        f_minus = f(x)
        x[i] = saved
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad
