"""(f(x) - f(x - h)) / h: a one-sided difference, backward."""

# expect: backward differences

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, got {x.dtype}")
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        saved = x[i]
        f0 = f(x)
        x[i] = saved - h
        fm = f(x)
        x[i] = saved
        grad[i] = (f0 - fm) / h
    return grad
