"""np.nditer without op_flags: its elements are read-only."""

# expect: read-only element
# reject: covers 1-D x only

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, got {x.dtype}")
    grad = np.zeros(x.shape)
    it = np.nditer(x, flags=["multi_index"])
    for xi in it:
        i = it.multi_index
        saved = xi.copy()
        xi[...] = saved + h
        fp = f(x)
        xi[...] = saved - h
        fm = f(x)
        xi[...] = saved
        grad[i] = (fp - fm) / (2 * h)
    return grad
