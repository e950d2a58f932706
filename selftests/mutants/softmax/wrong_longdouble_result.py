"""Computes in np.longdouble for the extra digits and returns that: the
values are right, the dtype is not float64."""

# expect: wider than float64
# reject: keeps fewer digits

import math

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.longdouble)
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
