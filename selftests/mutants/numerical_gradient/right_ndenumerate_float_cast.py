"""Correct: np.ndenumerate for the indices, float() on each f value,
saved value restored by index."""

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if x.dtype.kind != "f":
        raise TypeError(f"x must hold floats, not {x.dtype}")
    grad = np.empty(x.shape, dtype=np.float64)
    for index, value in np.ndenumerate(x):
        x[index] = value + h
        up = float(f(x))
        x[index] = value - h
        down = float(f(x))
        x[index] = value
        grad[index] = (up - down) / (2.0 * h)
    return grad
