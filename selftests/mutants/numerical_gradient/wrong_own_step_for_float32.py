"""Steps a float32 x by 1e-2 whatever h it is given, thinking 1e-4 too
small for single precision."""

# expect: h was not used for a float32 x

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, got {x.dtype}")
    if x.dtype == np.float32:
        h = 1e-2  # 1e-4 is too small a step for single precision
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
