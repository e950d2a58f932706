"""Walks x.flat (which writes through for any memory layout) and restores in a
finally block.
"""

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if np.issubdtype(x.dtype, np.integer):
        raise TypeError(
            f"x has dtype {x.dtype}; a step of {h} would be truncated away, "
            "so pass a float array"
        )

    grad = np.empty(x.size, dtype=np.float64)
    for i in range(x.size):
        saved = x.flat[i]
        try:
            x.flat[i] = saved + h
            up = np.float64(f(x))
            x.flat[i] = saved - h
            down = np.float64(f(x))
        finally:
            x.flat[i] = saved
        grad[i] = (up - down) / (2.0 * h)
    return grad.reshape(x.shape)
