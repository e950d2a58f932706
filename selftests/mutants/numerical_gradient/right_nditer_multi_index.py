"""np.nditer with multi_index; saves each entry and writes it back exactly."""

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if x.dtype.kind in "iu":
        raise TypeError(f"x must be a float array, not {x.dtype}")
    grad = np.zeros(x.shape)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        idx = it.multi_index
        old = x[idx]
        x[idx] = old + h
        fp = float(f(x))
        x[idx] = old - h
        fm = float(f(x))
        x[idx] = old
        grad[idx] = (fp - fm) / (2 * h)
    return grad
