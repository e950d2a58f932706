"""Fills one result array kept per shape at module level: the next call
with x of that shape overwrites the gradient the caller holds."""

# expect: the gradient is written into an array kept between calls

import numpy as np

_grad = {}


def numerical_gradient(f, x, h=1e-4):
    if np.issubdtype(x.dtype, np.integer):
        raise TypeError("x must be a float array")
    grad = _grad.get(x.shape)
    if grad is None:
        grad = _grad[x.shape] = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + h
        fp = f(x)
        x[idx] = old - h
        fm = f(x)
        x[idx] = old
        grad[idx] = (fp - fm) / (2 * h)
    return grad
