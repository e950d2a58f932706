"""Correct: a while loop over flat positions, reading and writing x.flat,
which reaches x itself in any memory order."""

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if x.dtype.kind != "f":
        raise TypeError(f"expected a float array, got {x.dtype}")
    grad = np.zeros(x.shape)
    flat_grad = grad.reshape(-1)
    k = 0
    while k < x.size:
        saved = x.flat[k]
        x.flat[k] = saved + h
        up = f(x)
        x.flat[k] = saved - h
        down = f(x)
        x.flat[k] = saved
        flat_grad[k] = (up - down) / (2 * h)
        k += 1
    return grad
