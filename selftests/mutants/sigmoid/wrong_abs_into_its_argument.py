"""Writes |x| into x itself (out=x): the caller's array changes, and the
sign the branches need is gone, for a copied input too."""

# expect: x itself was changed
# reject: the sign in the exponent

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    z = np.exp(-np.abs(x, out=x))
    return np.where(x >= 0, 1.0, z) / (1.0 + z)


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)
