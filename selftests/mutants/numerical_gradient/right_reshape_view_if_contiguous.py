"""Steps through a flat view of x when x is C-contiguous, else ndindex."""

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, got {x.dtype}")
    grad = np.zeros(x.shape)
    if x.flags.c_contiguous:
        flat = x.reshape(-1)
        gflat = grad.reshape(-1)
        for i in range(flat.size):
            saved = flat[i]
            flat[i] = saved + h
            fp = f(x)
            flat[i] = saved - h
            fm = f(x)
            flat[i] = saved
            gflat[i] = (fp - fm) / (2 * h)
        return grad
    for i in np.ndindex(x.shape):
        saved = x[i]
        x[i] = saved + h
        fp = f(x)
        x[i] = saved - h
        fm = f(x)
        x[i] = saved
        grad[i] = (fp - fm) / (2 * h)
    return grad
