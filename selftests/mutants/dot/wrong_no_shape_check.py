"""Checks no shapes: zip silently drops the extra terms."""

# expect: must raise ValueError

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)

    a2 = np.atleast_2d(a)
    b2 = b.reshape(b.shape[0], -1)
    out = np.array(
        [[sum(x * y for x, y in zip(row, col)) for col in b2.T] for row in a2],
        dtype=float,
    )
    return out.reshape(a.shape[:-1] + b.shape[1:])
