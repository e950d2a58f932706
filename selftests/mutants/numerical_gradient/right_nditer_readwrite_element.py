"""Correct: np.nditer with readwrite elements, the step written through
the element itself (v[...] = ...), the gradient through a second operand."""

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError("numerical_gradient needs a float x")
    grad = np.zeros(x.shape)
    with np.nditer([x, grad], op_flags=[["readwrite"], ["writeonly"]], order="K") as it:
        for v, g in it:
            saved = v.copy()
            v[...] = saved + h
            up = f(x)
            v[...] = saved - h
            down = f(x)
            v[...] = saved
            g[...] = (up - down) / (2 * h)
    return grad
