"""Squeezes the result to drop the 1-D operands' axes: also drops a real
size-1 axis when N or M is 1."""

# expect: an axis was lost
# reject: an elementwise product (a * b), then summed

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim not in (1, 2) or b.ndim not in (1, 2) or a.shape[-1] != b.shape[0]:
        raise ValueError(f"cannot multiply shapes {a.shape} and {b.shape}")
    a2 = np.atleast_2d(a)
    b2 = b.reshape(b.shape[0], -1)
    out = (a2[:, :, None] * b2[None, :, :]).sum(axis=1)
    return out.squeeze()
