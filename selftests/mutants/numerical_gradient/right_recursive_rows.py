"""Recurses into x one axis at a time through views of its rows."""

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, got {x.dtype}")
    grad = np.zeros(x.shape)
    if x.ndim == 0:
        _step_0d(f, x, x, grad, h)
    else:
        _walk(f, x, x, grad, h)
    return grad


def _step_0d(f, whole, cell, out, h):
    saved = cell[()]
    cell[()] = saved + h
    fp = f(whole)
    cell[()] = saved - h
    fm = f(whole)
    cell[()] = saved
    out[()] = (fp - fm) / (2 * h)


def _walk(f, whole, part, out, h):
    if part.ndim == 1:
        for k in range(part.shape[0]):
            _step_0d(
                f, whole, part[k : k + 1].reshape(()), out[k : k + 1].reshape(()), h
            )
        return
    for k in range(part.shape[0]):
        _walk(f, whole, part[k], out[k], h)
