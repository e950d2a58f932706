"""Checks the shapes with assert: AssertionError, not ValueError."""

# expect: must raise ValueError

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    assert a.ndim in (1, 2) and b.ndim in (1, 2), (a.shape, b.shape)
    assert a.shape[-1] == b.shape[0], (a.shape, b.shape)

    a2 = np.atleast_2d(a)
    b2 = b.reshape(b.shape[0], -1)
    out = np.zeros((a2.shape[0], b2.shape[1]))
    for i in range(a2.shape[0]):
        for j in range(b2.shape[1]):
            for k in range(a2.shape[1]):
                out[i, j] += a2[i, k] * b2[k, j]
    return out.reshape(a.shape[:-1] + b.shape[1:])
