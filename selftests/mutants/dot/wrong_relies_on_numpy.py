"""Leaves every check to np.dot, which accepts 0-d and 3-D."""

# expect: not 1-D or 2-D
# expect: check a.ndim and b.ndim first
# blocks: 1

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)

    return np.dot(a, b)
