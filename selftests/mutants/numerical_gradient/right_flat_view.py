"""Correct: walks x.flat and grad.flat by a flat index."""

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if x.dtype.kind != "f":
        raise TypeError(f"numerical_gradient needs a float array, got {x.dtype}")
    grad = np.empty(x.shape, dtype=np.float64)
    for k in range(x.size):
        old = x.flat[k]
        x.flat[k] = old + h
        up = float(f(x))
        x.flat[k] = old - h
        down = float(f(x))
        x.flat[k] = old
        grad.flat[k] = (up - down) / (2.0 * h)
    return grad
