"""Builds the table of indices with np.meshgrid, one grid per axis: a 0-d x
has none, and np.stack of no grids raises."""

# expect: it fails for a 0-d x only
# reject: covers 1-D x only
# blocks: 1

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float array, not {x.dtype}")
    grad = np.zeros(x.shape)
    axes = [np.arange(n) for n in x.shape]
    table = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, x.ndim)
    for row in table:
        i = tuple(row)
        saved = x[i]
        x[i] = saved + h
        plus = f(x)
        x[i] = saved - h
        minus = f(x)
        x[i] = saved
        grad[i] = (plus - minus) / (2 * h)
    return grad
