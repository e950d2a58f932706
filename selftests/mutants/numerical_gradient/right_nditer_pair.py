"""np.nditer over x (readwrite) and the gradient (writeonly) together."""

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, got {x.dtype}")
    grad = np.zeros(x.shape)
    with np.nditer([x, grad], op_flags=[["readwrite"], ["writeonly"]]) as it:
        for xi, gi in it:
            saved = xi.copy()
            xi[...] = saved + h
            fp = f(x)
            xi[...] = saved - h
            fm = f(x)
            xi[...] = saved
            gi[...] = (fp - fm) / (2 * h)
    return grad
