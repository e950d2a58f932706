"""Accepts int arrays, where the steps are truncated away."""

# expect: must raise TypeError for an integer array
# reject: np.signedinteger

import numpy as np


def numerical_gradient(f, x, h=1e-4):
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        saved = x[i]
        x[i] = saved + h
        f_plus = f(x)
        x[i] = saved - h
        f_minus = f(x)
        x[i] = saved
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad
