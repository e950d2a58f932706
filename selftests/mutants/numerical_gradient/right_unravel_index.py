"""Converts each flat position with np.unravel_index; works through x[idx] for
every layout.
"""

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if x.dtype.kind in "iub":
        raise TypeError(f"numerical_gradient needs a float array, got dtype {x.dtype}")

    grad = np.zeros(x.shape, dtype=np.float64)
    for flat in range(x.size):
        idx = np.unravel_index(flat, x.shape)
        original = x[idx].copy()
        x[idx] = original + h
        f_plus = float(f(x))
        x[idx] = original - h
        f_minus = float(f(x))
        x[idx] = original
        grad[idx] = (f_plus - f_minus) / (h + h)
    return grad
