"""Correct: steps through flat views of x and of the result."""

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if x.dtype.kind in "iu":
        raise TypeError("integer arrays cannot take a step of h")

    grad = np.zeros(x.shape)
    flat_x = x.reshape(-1)  # a view: writing to it writes to x
    flat_grad = grad.reshape(-1)
    for k, value in enumerate(flat_x.copy()):
        flat_x[k] = value + h
        forward = f(x)
        flat_x[k] = value - h
        backward = f(x)
        flat_x[k] = value
        flat_grad[k] = (forward - backward) / (2 * h)
    return grad
