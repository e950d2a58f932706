"""Multiplies the two arrays elementwise, then sums down the columns."""

# expect: an elementwise product (a * b)
# first: an elementwise product (a * b)
# reject: keepdims

import numpy as np


def dot(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    return (a * b).sum(axis=0)
