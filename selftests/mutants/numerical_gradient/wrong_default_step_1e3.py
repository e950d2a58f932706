"""Default step 1e-3."""

# expect: the default h is not 1e-4

import numpy as np


def numerical_gradient(f, x, h=1e-3):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, got {x.dtype}")
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        saved = x[i]
        x[i] = saved + h
        f_plus = f(x)
        x[i] = saved - h
        f_minus = f(x)
        x[i] = saved
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad
