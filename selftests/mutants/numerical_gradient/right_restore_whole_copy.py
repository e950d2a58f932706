"""Correct: keeps a copy of x and copies it back after each entry."""

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"expected a float array, got dtype {x.dtype}")
    original = x.copy()
    values = []
    for index in np.ndindex(*x.shape):
        x[index] += h
        plus = f(x)
        np.copyto(x, original)
        x[index] -= h
        minus = f(x)
        np.copyto(x, original)
        values.append((plus - minus) / h / 2)
    return np.array(values, dtype=np.float64).reshape(x.shape)
