"""Correct: np.nditer with a multi-index, as in many textbooks."""

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if np.issubdtype(x.dtype, np.integer):
        raise TypeError("x must hold floats, not integers")
    grad = np.zeros(x.shape, dtype=np.float64)
    it = np.nditer(x, flags=["multi_index"], op_flags=[["readwrite"]])
    while not it.finished:
        idx = it.multi_index
        tmp = x[idx]
        x[idx] = tmp + h
        fxh1 = f(x)
        x[idx] = tmp - h
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        x[idx] = tmp
        it.iternext()
    return grad
