"""Multiplies t in as if it were always one-hot, and sums over the samples."""

# expect: int labels were used as if they were one-hot
# reject: N x N matrix

import numpy as np


def cross_entropy(y, t):
    return -np.sum(t * np.log(y))
