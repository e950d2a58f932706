"""One row at a time: a row of a scales the rows of b, summed down."""

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim in (1, 2) and b.ndim in (1, 2) and a.shape[-1] == b.shape[0]:
        left = np.atleast_2d(a)
        right = b.reshape(b.shape[0], -1)
        out = np.empty((left.shape[0], right.shape[1]), np.result_type(a, b))
        for i in range(left.shape[0]):
            out[i] = (left[i][:, None] * right).sum(axis=0)
        return out.reshape(a.shape[:-1] + b.shape[1:])
    raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
