"""Turns a flat counter into an index with divmod."""

import numpy as np


def _index(flat, shape):
    idx = []
    for size in reversed(shape):
        flat, r = divmod(flat, size)
        idx.append(r)
    return tuple(reversed(idx))


def numerical_gradient(f, x, h=1e-4):
    if np.issubdtype(x.dtype, np.integer):
        raise TypeError(f"x must be a float array, not {x.dtype}")
    grad = np.zeros(x.shape)
    for flat in range(x.size):
        idx = _index(flat, x.shape)
        was = x[idx]
        x[idx] = was + h
        up = f(x)
        x[idx] = was - h
        down = f(x)
        x[idx] = was
        grad[idx] = (up - down) / 2 / h
    return grad
