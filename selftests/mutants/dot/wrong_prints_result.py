"""Prints the product instead of returning it."""

# expect: dot prints its result instead of returning it

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    left = np.atleast_2d(a)
    right = b.reshape(b.shape[0], -1)
    out = np.zeros((left.shape[0], right.shape[1]), np.result_type(a, b))
    for k in range(a.shape[-1]):
        out += np.outer(left[:, k], right[k])
    print(out.reshape(a.shape[:-1] + b.shape[1:]))
