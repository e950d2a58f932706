"""Sums t * log(y) over each row, then takes the mean: right for one-hot t,
but int labels are multiplied in as if they were one-hot (and broadcast
along the classes, or fail to)."""

# expect: int labels were used as if they were one-hot
# first: int labels were used as if they were one-hot
# reject: a mean over all the entries of t * log(y)

import numpy as np


def cross_entropy(y, t):
    y = np.asarray(y, dtype=np.float64)
    return float(-np.mean(np.sum(t * np.log(y + 1e-7), axis=-1)))
