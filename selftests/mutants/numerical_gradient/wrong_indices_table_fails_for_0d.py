"""np.indices(x.shape).reshape(x.ndim, -1) fails for a 0-d x only."""

# expect: it fails for a 0-d x only
# reject: covers 1-D x only
# blocks: 1

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if np.issubdtype(x.dtype, np.integer):
        raise TypeError(f"x must be a float array, not {x.dtype}")
    grad = np.empty(x.shape)
    table = np.indices(x.shape).reshape(x.ndim, -1).T
    for row in table:
        idx = tuple(row)
        saved = x[idx].copy()
        x[idx] = saved + h
        plus = float(f(x))
        x[idx] = saved - h
        minus = float(f(x))
        x[idx] = saved
        grad[idx] = (plus - minus) / (h + h)
    return grad
