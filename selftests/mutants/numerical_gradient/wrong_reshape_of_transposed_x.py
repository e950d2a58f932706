"""Steps through x.reshape(-1), a view only while x is in reading order in
memory: for a transposed x it is a copy, and no step reaches x."""

# reject: x is transposed
# expect: x here is in column-major order (order="F")
# expect: (order="F")

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if x.dtype.kind in "iu":
        raise TypeError("integer arrays cannot take a step of h")

    grad = np.zeros(x.shape)
    flat_x = x.reshape(-1)  # a view only if x is contiguous
    flat_grad = grad.reshape(-1)
    for k, value in enumerate(flat_x.copy()):
        flat_x[k] = value + h
        forward = f(x)
        flat_x[k] = value - h
        backward = f(x)
        flat_x[k] = value
        flat_grad[k] = (forward - backward) / (2 * h)
    return grad
