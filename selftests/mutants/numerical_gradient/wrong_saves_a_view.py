"""Saves the entry as a one-element slice of a flat view: it moves with x."""

# expect: was not put back

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, got {x.dtype}")
    grad = np.zeros(x.shape)
    flat = x.reshape(-1)
    gflat = grad.reshape(-1)
    for i in range(flat.size):
        saved = flat[i : i + 1]
        flat[i] = saved[0] + h
        fp = f(x)
        flat[i] = saved[0] - 2 * h
        fm = f(x)
        flat[i : i + 1] = saved
        gflat[i] = (fp - fm) / (2 * h)
    return grad
