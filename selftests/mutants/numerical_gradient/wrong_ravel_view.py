"""Perturbs x.ravel(): a view for contiguous x, but a copy (so nothing moves)
for a transposed one.
"""

# reject: x is transposed
# expect: x here is in column-major order (order="F")

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if x.dtype.kind in "iu":
        raise TypeError(f"x must be a float array, not {x.dtype}")
    flat = x.ravel()
    grad = np.zeros(flat.size)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + h
        fp = float(f(x))
        flat[i] = old - h
        fm = float(f(x))
        flat[i] = old
        grad[i] = (fp - fm) / (2 * h)
    return grad.reshape(x.shape)
